import {
  calibrationMetrics,
  reliabilityBins,
  type CalibrationMetrics,
  type ReliabilityBin,
} from "../../shared/calibration/metrics.ts";
import { softmaxRows } from "../../shared/calibration/softmax.ts";
import { fitTemperature } from "../../shared/calibration/temperature.ts";

/**
 * Temperature scaling (Guo et al. 2017) fitted on the validation logits of one method (LP, FT or
 * LP-FT), then ECE (15 bins), MCE, NLL and Brier before and after on every evaluation set, with
 * the reliability bins for the diagrams.
 */
export interface SetLogits {
  logits: Float64Array;
  labels: Int32Array;
}

export interface SetCalibration {
  examples: number;
  before: CalibrationMetrics;
  after: CalibrationMetrics;
  binsBefore: ReliabilityBin[];
  binsAfter: ReliabilityBin[];
}

export interface MethodCalibration {
  temperature: number;
  iterations: number;
  sets: Record<string, SetCalibration>;
}

export function calibrateMethod(valid: SetLogits, sets: Record<string, SetLogits>, classes = 2): MethodCalibration {
  const fit = fitTemperature(valid.logits, valid.labels, classes);
  const out: Record<string, SetCalibration> = {};
  for (const [name, s] of Object.entries(sets)) {
    const before = softmaxRows(s.logits, classes, 1);
    const after = softmaxRows(s.logits, classes, fit.beta);
    out[name] = {
      examples: s.labels.length,
      before: calibrationMetrics(before, s.labels, classes),
      after: calibrationMetrics(after, s.labels, classes),
      binsBefore: reliabilityBins(before, s.labels, classes),
      binsAfter: reliabilityBins(after, s.labels, classes),
    };
  }
  return { temperature: fit.temperature, iterations: fit.iterations, sets: out };
}

export function concatSets(...parts: SetLogits[]): SetLogits {
  const logits = new Float64Array(parts.reduce((n, p) => n + p.logits.length, 0));
  const labels = new Int32Array(parts.reduce((n, p) => n + p.labels.length, 0));
  let a = 0;
  let b = 0;
  for (const p of parts) {
    logits.set(p.logits, a);
    labels.set(p.labels, b);
    a += p.logits.length;
    b += p.labels.length;
  }
  return { logits, labels };
}
