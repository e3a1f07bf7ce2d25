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
    interval95: z
      .tuple([z.number().nullable(), z.number().nullable()])
      .describe("2.5% and 97.5% quantiles across members"),
  })
  .nullable()
  .describe(
    "epistemic spread of the answer: over S x R parameter sets drawn from the members' posteriors when `parameterUncertainty` is true, else over the S members; each set weighted by how well it explains the evidence (w ∝ p(e))",
  )
  .openapi("Uncertainty");

export const ParameterUncertainty = z
  .boolean()
  .describe(
    "true: `uncertainty` includes parameter uncertainty (draws from each member's Dirichlet/Beta/Normal-Gamma posterior); false: spread across the posterior members only (an artifact without posterior statistics, or a batch too large for draws)",
  );

/** A list of evidence rows answered in batched passes, one answer per row (cap as for logprob). */
export const EvidenceBatchSchema = z
  .array(EvidenceSchema)
  .min(1)
  .max(MAX_BATCH_ROWS, `at most MAX_BATCH_ROWS = ${MAX_BATCH_ROWS} evidence rows per request`)
  .describe(
    `1..${MAX_BATCH_ROWS} evidence rows, answered in batched passes (answers in \`results\`); send this or \`evidence\`, not both`,
  );

/** The single-row form: one evidence row, answered directly; absent means no evidence. */
const SingleEvidence = EvidenceSchema.optional().describe(
  "one evidence row (default {}), answered directly; send this or `evidenceBatch`, not both",
);

/** `evidence` and `evidenceBatch` are mutually exclusive: a batch is a list of what `evidence` is. */
const oneOrTheOther = (body: { evidence?: unknown; evidenceBatch?: unknown }): boolean =>
  body.evidence === undefined || body.evidenceBatch === undefined;
const EXCLUSIVE = {
  message: "send `evidence` (one row) or `evidenceBatch` (a list of rows), not both",
  path: ["evidenceBatch"],
};
/** The same rule in the document: both absent is fine (no evidence), both present is not. */
const NOT_BOTH = { not: { properties: { evidence: {}, evidenceBatch: {} }, required: ["evidence", "evidenceBatch"] } };

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
    selective: z
      .boolean()
      .describe(
        "every sum node is deterministic in every member (a sufficient check), so each member's max-product MPE is exact",
      ),
    mpeExact: z
      .enum(["always", "certified", "never"])
      .describe(
        "always: one selective member, every /mpe answer is exact; certified: selective members, an /mpe answer says exact: true when the mixture value reaches the members' upper bound; never: not proven selective, /mpe is the max-product approximation",
      ),
    parameterUncertainty: z
      .boolean()
      .describe(
        "spreads include parameter draws: the artifact carries posterior statistics and at least one draw per member fits the memory budget",
      ),
    drawsPerMember: z
      .number()
      .int()
      .describe("R: parameter draws per member behind a spread (0: spread over the members only)"),
  })
  .openapi("SpnDescription");

export const LogProbRequest = z
  .object({
    evidence: z
      .array(EvidenceSchema)
      .min(1)
      .max(MAX_BATCH_ROWS, `at most MAX_BATCH_ROWS = ${MAX_BATCH_ROWS} evidence rows per request`)
      .describe(`1..${MAX_BATCH_ROWS} rows`),
  })
  .openapi("SpnLogProbRequest", { example: { evidence: [{ fever: "yes" }, { fever: "no", cough: "yes" }] } });

export const LogProbResponse = z
  .object({
    logProb: z.array(LogProb),
    uncertainty: z.array(UncertaintySchema).optional(),
    parameterUncertainty: ParameterUncertainty,
  })
  .openapi("SpnLogProbResponse");

export const ConditionalRequest = z
  .object({ query: EvidenceSchema, evidence: SingleEvidence, evidenceBatch: EvidenceBatchSchema.optional() })
  .refine(oneOrTheOther, EXCLUSIVE)
  .openapi("SpnConditionalRequest", { ...NOT_BOTH, example: { query: { flu: "yes" }, evidence: { fever: "yes" } } });

export const ConditionalAnswer = z
  .object({
    prob: z.number(),
    logProb: LogProb,
    uncertainty: UncertaintySchema.optional(),
    parameterUncertainty: ParameterUncertainty,
  })
  .openapi("SpnConditionalAnswer");

export const ConditionalResponse = z
  .union([
    ConditionalAnswer,
    z.object({ results: z.array(ConditionalAnswer).describe("one answer per evidence row, in order") }),
  ])
  .describe("one answer for `evidence`; `results` for `evidenceBatch`")
  .openapi("SpnConditionalResponse");

const VariablesList = z.array(z.string()).max(100_000).optional().describe("restrict the answer to these variables");

export const MarginalsRequest = z
  .object({ evidence: SingleEvidence, evidenceBatch: EvidenceBatchSchema.optional(), variables: VariablesList })
  .refine(oneOrTheOther, EXCLUSIVE)
  .openapi("SpnMarginalsRequest", {
    ...NOT_BOTH,
    example: { evidenceBatch: [{ fever: "yes" }, { fever: "no", season: "winter" }], variables: ["flu"] },
  });

const GaussianPosterior = z.object({ mean: z.number(), variance: z.number() });
export const MarginalsAnswer = z
  .object({
    marginals: z.record(z.string(), z.union([z.record(z.string(), z.number()), GaussianPosterior])),
    uncertainty: z.record(z.string(), z.record(z.string(), UncertaintySchema)).optional(),
    parameterUncertainty: ParameterUncertainty,
  })
  .openapi("SpnMarginalsAnswer");

export const MarginalsResponse = z
  .union([
    MarginalsAnswer,
    z.object({ results: z.array(MarginalsAnswer).describe("one answer per evidence row, in order") }),
  ])
  .describe("one answer for `evidence`; `results` for `evidenceBatch`")
  .openapi("SpnMarginalsResponse");

export const MpeRequest = z
  .object({ evidence: SingleEvidence, evidenceBatch: EvidenceBatchSchema.optional() })
  .refine(oneOrTheOther, EXCLUSIVE)
  .openapi("SpnMpeRequest", { ...NOT_BOTH, example: { evidence: { fever: "yes" } } });

export const MpeAnswer = z
  .object({
    assignment: z.record(z.string(), z.union([z.string(), z.number()])),
    logProb: LogProb,
    exact: z
      .boolean()
      .describe(
        "true only when the assignment is proven to maximise the posterior-predictive mixture (see mpeExact in GET /v1/spn/{model})",
      ),
    uncertainty: UncertaintySchema.optional(),
    parameterUncertainty: ParameterUncertainty,
  })
  .openapi("SpnMpeAnswer");

export const MpeResponse = z
  .union([MpeAnswer, z.object({ results: z.array(MpeAnswer).describe("one answer per evidence row, in order") })])
  .describe("one answer for `evidence`; `results` for `evidenceBatch`")
  .openapi("SpnMpeResponse");

export const SampleRequest = z
  .object({
    n: z
      .number()
      .int()
      .min(1)
      .max(MAX_SAMPLES, `at most MAX_SAMPLES = ${MAX_SAMPLES} samples per request`)
      .describe(`1..${MAX_SAMPLES} samples`),
    evidence: EvidenceSchema.default({}),
    seed: Seed.optional().describe("same seed, same samples; a fresh one is drawn and echoed when absent"),
  })
  .openapi("SpnSampleRequest", { example: { n: 3, evidence: { fever: "yes" }, seed: 42 } });

export const SampleResponse = z
  .object({ samples: z.array(z.record(z.string(), z.union([z.string(), z.number()]))), seed: z.number().int() })
  .openapi("SpnSampleResponse");
