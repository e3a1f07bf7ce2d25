import { createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import { describeModel } from "../../shared/model-info.ts";
import type { AppEnv } from "../env.ts";
import { commonProblems, jsonContent, ModelParamSchema, modelUnavailable } from "../schemas.ts";

const Metric = z.union([z.number(), z.string(), z.boolean(), z.null()]);

const InputSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("text"),
      maxTokens: z
        .number()
        .int()
        .describe("word pieces the model reads per text, [CLS] and [SEP] included; longer texts are truncated"),
      tokenizer: z.object({
        type: z.string().describe('the tokenizer file\'s kind, e.g. "wordpiece"'),
        vocabSize: z.number().int(),
      }),
      preprocess: z
        .array(z.string())
        .describe(
          "the text pipeline the server applies before tokenising, in order (the trainer applied the same code); empty: the text is tokenised as sent",
        ),
    }),
    z.object({
      kind: z.literal("numeric"),
      shape: z.array(z.number().int().nullable()).describe("the ONNX input's shape; null = the batch"),
      dtype: z.string(),
    }),
    z.object({
      kind: z.literal("image"),
      side: z
        .number()
        .int()
        .describe("the image is resized to side × side (area averaging) and standardised before the network"),
      formats: z.array(z.string()).describe("accepted uploads"),
    }),
    z.object({
      kind: z.literal("variables"),
      variables: z
        .array(z.object({ name: z.string(), type: z.string(), states: z.array(z.string()) }))
        .describe("an SPN's variables: queries and evidence name them and their states"),
    }),
  ])
  .openapi("ModelInput");

const ModelDetailSchema = z
  .object({
    name: z.string(),
    kind: z.enum(["spn", "classifier", "lesion-detector"]),
    version: z.string(),
    labels: z.array(z.string()).optional().describe("a classifier's labels, in the order of its probabilities"),
    input: InputSchema,
    calibration: z
      .object({
        method: z.string(),
        temperature: z.number(),
        map: z
          .object({ kind: z.enum(["matrix", "binary"]) })
          .catchall(z.unknown())
          .optional()
          .describe(
            "the calibration map after the temperature (vector scaling, Dirichlet, isotonic, histogram binning); see docs/classifier-artifact.md",
          ),
        abstain: z.object({
          metric: z.string(),
          threshold: z.number(),
          targetAccuracy: z.number(),
          coverage: z.number(),
          delta: z.number().optional().describe("answered accuracy >= targetAccuracy with probability >= 1 − delta"),
        }),
        conformal: z
          .object({
            score: z.enum(["lac", "aps", "raps"]),
            mondrian: z.boolean(),
            lambda: z.number(),
            kReg: z.number().int(),
            examples: z.number().int(),
            sets: z
              .array(z.object({ alpha: z.number(), thresholds: z.array(z.number().nullable()) }))
              .describe("the α values POST /v1/classify/{model} accepts, with their split-conformal quantiles"),
          })
          .optional(),
        fit: z
          .record(z.string(), z.union([z.number(), z.string()]))
          .describe("where and how well the calibration was fitted"),
      })
      .optional()
      .describe("a classifier's calibration, default abstention rule and conformal quantiles"),
    uncertainty: z.object({
      members: z.number().int().describe("posterior members behind each answer (1: no epistemic estimate)"),
      method: z.string(),
    }),
    metrics: z
      .record(z.string(), Metric)
      .describe('the manifest\'s metrics; "served.*" ones were measured through this API on raw inputs'),
    card: z
      .object({
        description: z.string(),
        intendedUse: z.string().optional(),
        limitations: z.array(z.string()).optional(),
        training: z.record(z.string(), z.unknown()).describe("how it was made: command, seed, data, trainer, …"),
      })
      .describe("model card"),
    endpoints: z.array(z.string()).describe("the operations that use this model"),
  })
  .openapi("ModelDetail");

export const modelDetailRoute = createRoute({
  method: "get",
  operationId: "getModel",
  path: "/v1/models/{model}",
  tags: ["service"],
  summary: "One model: what it takes and answers, its calibration, metrics and model card",
  description:
    "Loads (verifies and compiles) the model if this isolate has not yet, then describes it: labels, input kind (text with its tokenizer, maximum tokens and preprocessing; numeric with its shape; an SPN's variables), calibration and abstention rule, posterior members, the manifest's metrics (served.* = measured through the API on raw inputs) and its model card.",
  request: { params: ModelParamSchema },
  responses: { 200: jsonContent(ModelDetailSchema, "The model"), ...commonProblems, ...modelUnavailable },
});

export const modelDetail: RouteHandler<typeof modelDetailRoute, AppEnv> = async (c) => {
  const loaded = await c.get("registry").get(c.req.valid("param").model);
  return c.json(describeModel(loaded), 200);
};
