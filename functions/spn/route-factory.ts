import { createRoute, type RouteConfig, type z } from "@hono/zod-openapi";
import { jsonBody } from "../middleware/body.ts";
import { bodyProblems, commonProblems, jsonContent, ModelParamSchema, modelUnavailable } from "../schemas.ts";

export const MODEL_NOTE = ' `{model}` is a model name from /v1/models, or "default".';

/** POST /v1/spn/{model}/<path> with a required JSON body: the shape every SPN query shares. */
export function spnQueryRoute<Req extends z.ZodType, Res extends z.ZodType>(
  path: string,
  summary: string,
  description: string,
  request: Req,
  response: Res,
) {
  return createRoute({
    method: "post",
    // spnLogprob, spnConditional, …: the name a generated client gives the method.
    operationId: `spn${path[0]!.toUpperCase()}${path.slice(1)}`,
    path: `/v1/spn/{model}/${path}`,
    tags: ["spn"],
    summary,
    description: description + MODEL_NOTE,
    middleware: [jsonBody()],
    request: {
      params: ModelParamSchema,
      body: { required: true, content: { "application/json": { schema: request } } },
    },
    responses: { 200: jsonContent(response, summary), ...commonProblems, ...bodyProblems, ...modelUnavailable },
  } satisfies RouteConfig);
}
