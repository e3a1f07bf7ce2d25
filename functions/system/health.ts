import { createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { commonProblems, jsonContent } from "../schemas.ts";
import { SERVICE_VERSION } from "../version.ts";

const HealthSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string(),
    commit: z.string().nullable().describe("git commit of the running build, when known"),
    models: z.object({
      available: z.number().int().describe("models in this build's model index (files in the MODELS bucket)"),
      loaded: z.number().int().describe("models verified and compiled in this isolate so far"),
    }),
  })
  .openapi("Health");

export const healthRoute = createRoute({
  method: "get",
  operationId: "getHealth",
  path: "/v1/health",
  tags: ["service"],
  summary: "Service version, commit and model counts",
  responses: { 200: jsonContent(HealthSchema, "The service is up"), ...commonProblems },
});

export const health: RouteHandler<typeof healthRoute, AppEnv> = async (c) => {
  const registry = c.get("registry");
  return c.json(
    {
      status: "ok" as const,
      version: SERVICE_VERSION,
      commit: c.env?.GIT_COMMIT || null,
      models: { available: (await registry.list()).length, loaded: registry.loadedCount() },
    },
    200,
  );
};
