import { createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import { ABSTAIN_METRICS, CALIBRATION_METHODS, CONFORMAL_SCORES } from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS, MAX_TEXT_CHARS, MAX_TEXTS } from "../../shared/classify/caps.ts";
import type { Classifier } from "../../shared/classify/classifier.ts";
import type { AppEnv } from "../env.ts";
import { jsonBody } from "../middleware/body.ts";
import { bodyProblems, commonProblems, jsonContent, modelParam, modelUnavailable } from "../schemas.ts";

// Caps are enforced by the core (CapExceededError names the cap); here they are documented.
const Abstain = z
  .object({
    metric: z.enum(ABSTAIN_METRICS).optional().describe("defaults to the model's metric"),
    threshold: z.number().describe("abstain above it (epistemic, total, excessRisk) or below it (maxProb)"),
  })
  .optional()
  .describe(
    "overrides the model's abstention rule for this request (the override carries no guarantee: model.abstain then has no delta)",
  );

const Alpha = z
  .number()
  .gt(0)
  .lt(1)
  .optional()
  .describe(
    "miscoverage of the conformal prediction set: one of the α values the model stores (GET /v1/models/{model}); defaults to the largest stored. 422 for an α the model does not store",
  );

/** Exactly one of text, texts or inputs (oneOf in the document: `{}` and two at once are refused). */
const RequestSchema = z
  .xor(
    [
      z
        .object({
          text: z
            .string()
            .openapi({ maxLength: MAX_TEXT_CHARS })
            .describe(
              `one text, at most ${MAX_TEXT_CHARS} characters (text models); a model that declares a text pipeline (GET /v1/models/{model}: input.preprocess) cleans it first, so e.g. spam-lpft takes a raw e-mail`,
            ),
          abstain: Abstain,
          alpha: Alpha,
        })
        .openapi("ClassifyText"),
      z
        .object({
          texts: z
            .array(z.string().openapi({ maxLength: MAX_TEXT_CHARS }))
            .openapi({ maxItems: MAX_TEXTS })
            .describe(`up to ${MAX_TEXTS} texts (text models)`),
          abstain: Abstain,
          alpha: Alpha,
        })
        .openapi("ClassifyTexts"),
      z
        .object({
          inputs: z
            .array(z.array(z.number()))
            .openapi({ maxItems: MAX_INPUT_ROWS })
            .describe(
              `up to ${MAX_INPUT_ROWS} rows, each the example's tensor flattened row-major to the shape the model declares (numeric models)`,
            ),
          abstain: Abstain,
          alpha: Alpha,
        })
        .openapi("ClassifyInputs"),
    ],
    { error: 'send exactly one of "text", "texts" or "inputs"' },
  )
  .openapi(
    "ClassifyRequest",
    { example: { inputs: [[0.5, -1.2, 0.3, 0.9, -0.4, 1.1, 0.0, -0.7]] } },
    { unionPreferredType: "oneOf" },
  );

const PredictionSchema = z
  .object({
    label: z.string().describe("the most probable label under the predictive distribution"),
    probs: z
      .record(z.string(), z.number())
      .describe("calibrated predictive distribution (mean over head members), by label"),
    uncertainty: z.object({
      total: z.number().describe("entropy of the predictive distribution, nats"),
      aleatoric: z.number().describe("mean entropy of the members, nats"),
      epistemic: z.number().describe("mutual information = total − aleatoric, nats"),
      variance: z.number().describe("variance across members of the predicted label's probability"),
      excessRisk: z
        .number()
        .describe(
          "Σ_c variance across members of p(c): the squared-loss Bayesian excess risk (Futami et al.), the epistemic part under the Brier score; 2 × variance for two labels",
        ),
    }),
    abstain: z.boolean().describe("true when the abstention rule says not to trust this prediction"),
    set: z
      .array(z.string())
      .optional()
      .describe(
        "split-conformal prediction set at model.conformal.alpha: holds the true label with probability >= 1 − α over exchangeable data (may be empty, or hold every label); absent when the model stores no conformal quantiles",
      ),
  })
  .openapi("Prediction");

const ResponseSchema = z
  .object({
    predictions: z.array(PredictionSchema),
    model: z.object({
      name: z.string(),
      version: z.string(),
      temperature: z.number().describe("T of softmax(z / T), fitted on held-out data"),
      calibrator: z
        .enum(CALIBRATION_METHODS)
        .describe("the calibration map after the temperature, chosen by cross-validated NLL"),
      members: z.number().int().describe("head posterior members (1: no epistemic estimate)"),
      abstain: z
        .object({
          metric: z.enum(ABSTAIN_METRICS),
          threshold: z.number(),
          targetAccuracy: z.number().optional().describe("with delta: the accuracy the answered predictions reach"),
          delta: z
            .number()
            .optional()
            .describe(
              "answered accuracy >= targetAccuracy with probability >= 1 − delta (Clopper–Pearson, Learn then Test); absent for a request's own rule",
            ),
        })
        .describe("the rule applied"),
      conformal: z
        .object({
          alpha: z.number().describe("miscoverage of every prediction's set"),
          score: z.enum(CONFORMAL_SCORES),
          mondrian: z.boolean().describe("label-conditional quantiles (coverage holds per true label)"),
          available: z.array(z.number()).describe("every α the model stores"),
        })
        .optional(),
    }),
  })
  .openapi("ClassifyResponse");

export const classifyRoute = createRoute({
  method: "post",
  operationId: "classify",
  path: "/v1/classify/{model}",
  tags: ["classify"],
  summary: "Calibrated classification with epistemic uncertainty and abstention",
  description:
    "Runs a classifier model once (one ONNX backbone pass) and its head posterior members; returns calibrated probabilities, the total / aleatoric / epistemic uncertainty in nats, whether to abstain (with the risk-control guarantee the model states) and a conformal prediction set per prediction. Send `inputs` to numeric models and `text` or `texts` to text models.",
  middleware: [jsonBody()],
  request: {
    params: modelParam("demo-classifier"),
    body: { required: true, content: { "application/json": { schema: RequestSchema } } },
  },
  responses: {
    200: jsonContent(ResponseSchema, "One prediction per input row or text"),
    ...commonProblems,
    ...bodyProblems,
    ...modelUnavailable,
  },
});

export const classify: RouteHandler<typeof classifyRoute, AppEnv> = async (c) => {
  const { model } = c.req.valid("param");
  const { abstain, alpha, ...input } = c.req.valid("json");
  const { compiled } = await c.get("registry").get(model, "classifier");
  const rule = abstain && { metric: abstain.metric ?? compiled.defaultRule.metric, threshold: abstain.threshold };
  return c.json(await compiled.classify(input, rule, alpha), 200);
};
