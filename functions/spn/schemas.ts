import { z } from "@hono/zod-openapi";
import { MAX_BATCH_ROWS, MAX_SAMPLES } from "../../shared/spn/caps.ts";
import { Seed } from "../schemas.ts";

/**
 * Request and response bodies of the SPN endpoints. Values are checked against the model
 * (unknown variable, state, type) by the core, which points at the offending field.
 */
export const EvidenceSchema = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe("variable name → state name, state index, or number (gaussian); absent variables are marginalised")
  .openapi("Evidence", { example: { fever: "yes", season: "winter" } });

/** Log-probabilities may be −∞ (probability zero); JSON has no −∞, so it is sent as null. */
export const LogProb = z.number().nullable().describe("natural log; null means −∞ (probability zero)");

export const UncertaintySchema = z
  .object({
    std: z.number().describe("standard deviation across the posterior members"),
    interval95: z.tuple([z.number().nullable(), z.number().nullable()]).describe("2.5% and 97.5% quantiles across members"),
  })
  .nullable()
  .describe("epistemic spread over the Bayesian posterior members; null for a single-member model")
  .openapi("Uncertainty");

export const VariableSchema = z.object({
  name: z.string(),
  type: z.enum(["bernoulli", "categorical", "gaussian"]),
  states: z.array(z.string()).describe("state names; empty for gaussian"),
});

export const DescribeResponse = z
  .object({
    model: z.string(),
    variables: z.array(VariableSchema),
    nodes: z.number().int(),
    edges: z.number().int(),
    members: z.number().int().describe("posterior members (1 for a plain SPN)"),
    selective: z.boolean().describe("MPE answers are exact"),
  })
  .openapi("SpnDescription");

export const LogProbRequest = z
  .object({ evidence: z.array(EvidenceSchema).min(1).max(MAX_BATCH_ROWS, `at most MAX_BATCH_ROWS = ${MAX_BATCH_ROWS} evidence rows per request`).describe(`1..${MAX_BATCH_ROWS} rows`) })
  .openapi("SpnLogProbRequest", { example: { evidence: [{ fever: "yes" }, { fever: "no", cough: "yes" }] } });

export const LogProbResponse = z
  .object({ logProb: z.array(LogProb), uncertainty: z.array(UncertaintySchema).optional() })
  .openapi("SpnLogProbResponse");

export const ConditionalRequest = z
  .object({ query: EvidenceSchema, evidence: EvidenceSchema.default({}) })
  .openapi("SpnConditionalRequest", { example: { query: { flu: "yes" }, evidence: { fever: "yes" } } });

export const ConditionalResponse = z
  .object({ prob: z.number(), logProb: LogProb, uncertainty: UncertaintySchema.optional() })
  .openapi("SpnConditionalResponse");

export const MarginalsRequest = z
  .object({
    evidence: EvidenceSchema.default({}),
    variables: z.array(z.string()).max(100_000).optional().describe("restrict the answer to these variables"),
  })
  .openapi("SpnMarginalsRequest", { example: { evidence: { fever: "yes" } } });

const GaussianPosterior = z.object({ mean: z.number(), variance: z.number() });
export const MarginalsResponse = z
  .object({
    marginals: z.record(z.string(), z.union([z.record(z.string(), z.number()), GaussianPosterior])),
    uncertainty: z.record(z.string(), z.record(z.string(), UncertaintySchema)).optional(),
  })
  .openapi("SpnMarginalsResponse");

export const MpeRequest = z
  .object({ evidence: EvidenceSchema.default({}) })
  .openapi("SpnMpeRequest", { example: { evidence: { fever: "yes" } } });

export const MpeResponse = z
  .object({
    assignment: z.record(z.string(), z.union([z.string(), z.number()])),
    logProb: LogProb,
    exact: z.boolean().describe("true only when the algorithm guarantees the most probable explanation"),
    uncertainty: UncertaintySchema.optional(),
  })
  .openapi("SpnMpeResponse");

export const SampleRequest = z
  .object({
    n: z.number().int().min(1).max(MAX_SAMPLES, `at most MAX_SAMPLES = ${MAX_SAMPLES} samples per request`).describe(`1..${MAX_SAMPLES} samples`),
    evidence: EvidenceSchema.default({}),
    seed: Seed.optional().describe("same seed, same samples; a fresh one is drawn and echoed when absent"),
  })
  .openapi("SpnSampleRequest", { example: { n: 3, evidence: { fever: "yes" }, seed: 42 } });

export const SampleResponse = z
  .object({ samples: z.array(z.record(z.string(), z.union([z.string(), z.number()]))), seed: z.number().int() })
  .openapi("SpnSampleResponse");
