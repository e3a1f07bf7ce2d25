import { z } from "zod";
import { TextPipelineSchema } from "../text/pipeline.ts";

/**
 * The files of a "classifier" model beside its manifest (docs/classifier-artifact.md):
 * classifier.json (role "config"), calibration.json ("calibration"), optionally head.json
 * ("head") and tokenizer.json ("tokenizer"), and model.onnx ("onnx"). Labels are the
 * manifest's `labels`, in logit order.
 */
export const ABSTAIN_METRICS = ["epistemic", "total", "maxProb", "excessRisk"] as const;
export const AbstainMetricSchema = z.enum(ABSTAIN_METRICS);
export type AbstainMetric = z.infer<typeof AbstainMetricSchema>;

const Dim = z.number().int().positive().nullable();

export const TensorInputSchema = z.object({
  kind: z.literal("tensor"),
  name: z.string().min(1),
  /** The ONNX input's shape; the first dimension is the batch and must be null. */
  dims: z
    .array(Dim)
    .min(2)
    .refine((d) => d[0] === null && d.slice(1).every((x) => x !== null), "first dim null (batch), the rest fixed"),
  dtype: z.enum(["float32", "int64", "int32"]),
});

export const TextInputSchema = z.object({
  kind: z.literal("text"),
  name: z.string().min(1),
  /** Token ids per text, [CLS] and [SEP] included; shorter texts are padded. */
  maxTokens: z.number().int().min(2).max(4096),
  dtype: z.enum(["int64", "int32"]),
  /** Name of the attention-mask input (1 for tokens, 0 for padding), when the graph has one. */
  mask: z.string().min(1).optional(),
  /** The text pipeline (shared/text) the server applies before tokenising, as the trainer did. */
  preprocess: TextPipelineSchema.optional(),
  /** Name of the segment-id input (BERT's token_type_ids; all 0 for one text), when the graph has one. */
  typeIds: z.string().min(1).optional(),
  /**
   * "max" pads every text to maxTokens (graphs with a fixed sequence axis); "longest" pads a
   * batch to its longest text, at most maxTokens (graphs with a dynamic sequence axis). Default "max".
   */
  padTo: z.enum(["max", "longest"]).optional(),
});

export const ClassifierConfigSchema = z.object({
  input: z.discriminatedUnion("kind", [TensorInputSchema, TextInputSchema]),
  outputs: z.object({
    /** [B, C] logits of the mean head. */
    logits: z.string().min(1),
    /** [B, F] features the head members act on; required with head.json. */
    features: z.string().min(1).optional(),
  }),
});
export type ClassifierConfig = z.infer<typeof ClassifierConfigSchema>;
export type TensorInput = z.infer<typeof TensorInputSchema>;
export type TextInput = z.infer<typeof TextInputSchema>;

/** M members of a last-layer posterior: logits_m = W_m f + b_m, W_m row-major C × F. */
export const HeadSchema = z.object({
  method: z.string().min(1).describe('how the members were drawn, e.g. "laplace-last-layer"'),
  members: z.number().int().min(1),
  classes: z.number().int().min(2),
  features: z.number().int().min(1),
  /** Flat M × C × F, member-major. */
  weights: z.array(z.number()),
  /** Flat M × C. */
  bias: z.array(z.number()),
});
export type Head = z.infer<typeof HeadSchema>;

export const AbstainRuleSchema = z.object({
  metric: AbstainMetricSchema,
  /** Abstain when the metric is above it (epistemic, total) or below it (maxProb). */
  threshold: z.number(),
});
export type AbstainRule = z.infer<typeof AbstainRuleSchema>;

export const CALIBRATION_METHODS = [
  "temperature-scaling",
  "vector-scaling",
  "dirichlet",
  "isotonic",
  "histogram-binning",
] as const;

/**
 * A calibration map after the temperature (shared/classify/calibrator.ts), acting on each
 * member's log-probabilities l = log softmax(z / T): "matrix" is q = softmax(W l + b) (W diagonal
 * for vector scaling, full for Dirichlet calibration, Kull et al. 2019); "binary" maps the
 * positive class's probability through a monotone step (isotonic, PAV) or bin (histogram)
 * function: p -> values[k] for the first k with p <= upper[k].
 */
export const CalibrationMapSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("matrix"),
    classes: z.number().int().min(2),
    weights: z.array(z.number()),
    bias: z.array(z.number()),
  }),
  z.object({
    kind: z.literal("binary"),
    upper: z.array(z.number().min(0).max(1)).min(1),
    values: z.array(z.number().gt(0).lt(1)).min(1),
  }),
]);
export type CalibrationMap = z.infer<typeof CalibrationMapSchema>;

export const CONFORMAL_SCORES = ["lac", "aps", "raps"] as const;
export type ConformalScore = (typeof CONFORMAL_SCORES)[number];

/** One stored split-conformal quantile: per class when Mondrian (label-conditional), else one. */
export const ConformalSetSchema = z.object({
  alpha: z.number().gt(0).lt(1),
  /** The label y is in the set when score(x, y) <= threshold (thresholds[y] when Mondrian); null: always in. */
  thresholds: z.array(z.number().nullable()).min(1),
});

export const ConformalSchema = z.object({
  score: z.enum(CONFORMAL_SCORES),
  mondrian: z.boolean(),
  /** RAPS penalty lambda · max(0, rank − kReg) (Angelopoulos et al. 2021); 0 for lac / aps. */
  lambda: z.number().min(0).default(0),
  kReg: z.number().int().min(0).default(0),
  /** Calibration examples the quantiles were fitted on. */
  examples: z.number().int().positive(),
  sets: z.array(ConformalSetSchema).min(1),
});
export type Conformal = z.infer<typeof ConformalSchema>;

export const CalibrationSchema = z.object({
  method: z.enum(CALIBRATION_METHODS).default("temperature-scaling"),
  temperature: z.number().positive(),
  /** The map applied after the temperature; absent for temperature scaling. */
  map: CalibrationMapSchema.optional(),
  abstain: AbstainRuleSchema.extend({
    targetAccuracy: z.number().gt(0).max(1),
    /** Fraction of the selection split kept (not abstained) at the threshold. */
    coverage: z.number().min(0).max(1),
    /** With delta: answered accuracy >= targetAccuracy with probability >= 1 − delta (Clopper–Pearson, fixed-sequence LTT). */
    delta: z.number().gt(0).lt(1).optional(),
  }),
  conformal: ConformalSchema.optional(),
  /** Where and how well it was fitted: split, examples, NLL/ECE before and after. */
  fit: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type Calibration = z.input<typeof CalibrationSchema>;
export type ParsedCalibration = z.infer<typeof CalibrationSchema>;

export const TokenizerSchema = z.object({
  kind: z.literal("wordpiece"),
  /** Token strings in id order; continuation pieces start with `continuationPrefix`. */
  vocab: z.array(z.string()).min(1),
  lowercase: z.boolean(),
  continuationPrefix: z.string().default("##"),
  unknown: z.string(),
  padding: z.string(),
  classToken: z.string().optional(),
  separatorToken: z.string().optional(),
  /** Longer words become the unknown token (BERT's max_input_chars_per_word). */
  maxWordChars: z.number().int().positive().default(100),
});
export type TokenizerSpec = z.input<typeof TokenizerSchema>;
