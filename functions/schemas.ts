import { z } from "@hono/zod-openapi";

/** Shared request/response pieces; endpoint-specific schemas live beside their endpoint. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe("stable machine-readable error code"),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string().describe("RFC 6901 JSON pointer"), detail: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The problem+json responses every /v1 route may give. */
export const commonProblems = {
  401: problem("Missing or invalid API key (only when API_KEYS is set)"),
  404: problem("Unknown route or model"),
  500: problem("Unexpected failure; details are logged with the request id, never returned"),
} as const;

/** Extra problems for routes that take a JSON body. */
export const bodyProblems = {
  400: problem("Malformed JSON"),
  413: problem("Body over the configured cap"),
  415: problem("Unsupported media type"),
  422: problem("The body violates the schema or a domain rule; `errors` has pointers"),
} as const;

/** For routes whose only input is the path or query. */
export const queryProblems = { 422: problem("A path or query parameter is invalid; `errors` has pointers") } as const;

export const modelUnavailable = {
  503: problem("The model failed its integrity check or could not be loaded"),
} as const;

/** The `{model}` path parameter, with an example model of the kind the route serves. */
export const modelParam = (example: string) =>
  z.object({
    model: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .openapi({ param: { name: "model", in: "path" }, example }),
  });

export const ModelParamSchema = modelParam("example");

export const Seed = z.number().int().min(0).max(4294967295).describe("non-negative integer below 2^32");

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}
