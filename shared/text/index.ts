/** Text pipelines declared by models and shared by trainers and the server. */
export * from "./pipeline.ts";
