import type { TokenizerSpec } from "../../shared/classify/artifact-schema.ts";
import type { MethodCalibration } from "./calibration-eval.ts";
import type { EncoderWeights } from "./encoder.ts";
import type { FineTuned } from "./fine-tune.ts";
import type { SpamOptions } from "./options.ts";
import type { PretrainResult } from "./pretrain.ts";

/** The sets every method is evaluated on: the test split and three shifted SpamAssassin folders. */
export const EVAL_SETS = ["test", "easy-ham-2", "spam-2", "hard-ham-1"] as const;
export type EvalSet = (typeof EVAL_SETS)[number];
export type Split = "train" | "valid" | EvalSet;

export interface MethodResult {
  name: "LP" | "FT" | "LP-FT";
  head: { v: Float64Array; b: Float64Array };
  headNorm: number;
  calibration: MethodCalibration;
  /** mean ||phi(x) - phi_pretrained(x)|| / ||phi_pretrained(x)|| on the test split. */
  featureChange: number;
  fineTune?: Omit<FineTuned, "v" | "b">;
}

/** What one run of the spam trainer learned and measured (pipeline.ts), as the checkpoint stores it. */
export interface Experiment {
  options: SpamOptions;
  tokenizer: TokenizerSpec;
  parameters: number;
  pretraining: PretrainResult;
  sizes: Record<string, number>;
  /** In-distribution e-mails dropped before splitting as exact duplicates (absent in older checkpoints). */
  duplicatesRemoved?: number;
  headNormInit: number;
  lpL2: number;
  methods: MethodResult[];
  /** The LP-FT encoder (kept for export) and its features per split. */
  encoder: EncoderWeights;
  features: Record<Split, Float64Array>;
  labels: Record<Split, Int32Array>;
  seconds: number;
}
