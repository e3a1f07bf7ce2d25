import type { AbstainRule, ConformalScore, ParsedCalibration } from "./artifact-schema.ts";

/** What POST /v1/classify/{model} answers (functions/classify/classify.ts documents each field). */
export interface Prediction {
  label: string;
  probs: Record<string, number>;
  uncertainty: { total: number; aleatoric: number; epistemic: number; variance: number; excessRisk: number };
  abstain: boolean;
  /** The conformal prediction set at model.conformal.alpha (labels), when the model stores sets. */
  set?: string[];
}

export interface ConformalInfo {
  alpha: number;
  score: ConformalScore;
  mondrian: boolean;
  /** Every α the model stores; a request may ask for any of them. */
  available: number[];
}

export interface ClassifyResult {
  predictions: Prediction[];
  model: {
    name: string;
    version: string;
    temperature: number;
    calibrator: ParsedCalibration["method"];
    members: number;
    abstain: AbstainRule & { delta?: number; targetAccuracy?: number };
    conformal?: ConformalInfo;
  };
}

/** One row as served: calibrated member log-probabilities (M × C) and log p̄ (C). */
export interface ServedRow {
  memberLogProbs: Float64Array;
  logMean: Float64Array;
}
