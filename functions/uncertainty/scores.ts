import { createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import {
  EXACTLY_ONE,
  MAX_BATCH,
  MAX_CLASSES,
  MAX_MEMBERS,
  scoreUncertaintyRequest,
} from "../../shared/uncertainty/request.ts";
import type { AppEnv } from "../env.ts";
import { jsonBody } from "../middleware/body.ts";
import { bodyProblems, commonProblems, jsonContent } from "../schemas.ts";

const Row = z.array(z.number()).min(2).max(MAX_CLASSES);
const Table = z.array(Row).min(1).max(MAX_MEMBERS).describe("M members × C classes");
const TableOrBatch = z.union([Table, z.array(Table).min(1).max(MAX_BATCH).describe("a batch of M × C tables")]);

/** Exactly one of the two (oneOf in the document: `{}` and both at once are refused). */
const RequestSchema = z
  .xor(
    [
      z
        .object({ members: TableOrBatch.describe("each member's class probabilities (rows sum to 1 within 1e-6)") })
        .openapi("UncertaintyFromProbabilities"),
      z
        .object({ logits: TableOrBatch.describe("each member's logits; softmax is applied per row") })
        .openapi("UncertaintyFromLogits"),
    ],
    { error: EXACTLY_ONE },
  )
  .openapi(
    "UncertaintyRequest",
    {
      example: {
        members: [
          [0.7, 0.2, 0.1],
          [0.5, 0.3, 0.2],
          [0.9, 0.05, 0.05],
        ],
      },
    },
    { unionPreferredType: "oneOf" },
  );

const ScoresSchema = z
  .object({
    mean: z.array(z.number()).describe("predictive distribution, the members' mean"),
    predicted: z.number().int().describe("index of the most probable class under the mean"),
    total: z.number().describe("entropy of the mean, nats"),
    aleatoric: z.number().describe("mean entropy of the members, nats"),
    epistemic: z.number().describe("mutual information = total − aleatoric, nats"),
    variance: z.number().describe("variance across members of the predicted class's probability"),
    excessRisk: z
      .number()
      .describe(
        "Σ_c variance across members of p(c): the squared-loss Bayesian excess risk (Futami et al.); 2 × variance for two classes",
      ),
  })
  .openapi("UncertaintyScores");

export const uncertaintyRoute = createRoute({
  method: "post",
  operationId: "scoreUncertainty",
  path: "/v1/uncertainty",
  tags: ["uncertainty"],
  summary: "Epistemic-uncertainty scores for any ensemble's predictions",
  description:
    "Send M members' predictive distributions over C classes (probabilities or logits), or a batch of them; get the total, aleatoric and epistemic (mutual information) entropies in nats the variance of the predicted class and the squared-loss excess risk Σ_c Var(p_c).",
  middleware: [jsonBody()],
  request: { body: { required: true, content: { "application/json": { schema: RequestSchema } } } },
  responses: {
    200: jsonContent(
      z.union([ScoresSchema, z.object({ results: z.array(ScoresSchema) })]),
      "Scores (or `results` for a batch)",
    ),
    ...commonProblems,
    ...bodyProblems,
  },
});

/** HTTP only: the schema has checked shape, caps and the one-of rule; the core scores. */
export const uncertainty: RouteHandler<typeof uncertaintyRoute, AppEnv> = (c) =>
  c.json(scoreUncertaintyRequest(c.req.valid("json")), 200);
