import { createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { commonProblems, jsonContent } from "../schemas.ts";

const ModelSummarySchema = z
  .object({
    name: z.string(),
    kind: z.string().describe('"spn", "classifier" or "lesion-detector"'),
    version: z.string(),
    sha256: z.string().describe("sha256 of the model's primary artifact file"),
    bytes: z.number().int().describe("total bytes of the model's files"),
    metrics: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
    status: z
      .enum(["ready", "not-loaded", "unavailable"])
      .describe("integrity-checked and compiled in this isolate, not yet used, or refused"),
    detail: z.string().optional().describe("why an unavailable model was refused"),
  })
  .openapi("ModelSummary");

export const modelsRoute = createRoute({
  method: "get",
  operationId: "listModels",
  path: "/v1/models",
  tags: ["service"],
  summary: "List the deployed models with their manifests' metrics",
  responses: {
    200: jsonContent(z.object({ models: z.array(ModelSummarySchema) }), "Every bundled model"),
    ...commonProblems,
  },
});

export const listModels: RouteHandler<typeof modelsRoute, AppEnv> = async (c) =>
  c.json({ models: await c.get("registry").list() }, 200);
