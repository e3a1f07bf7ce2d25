import { logSumExp } from "../numeric/log-space.ts";
import type { CalibrationMap, ParsedCalibration } from "./artifact-schema.ts";

/**
 * The served calibration, compiled once per isolate: every member's logits z_m go through the
 * temperature, l_m = log softmax(z_m / T) (Guo et al. 2017), then through the optional map:
 * "matrix" q_m = softmax(W l_m + b) (vector scaling when W is diagonal, Dirichlet calibration,
 * Kull et al. 2019), or "binary" p_m(1) -> step(p_m(1)) (isotonic regression / histogram binning,
 * Zadrozny & Elkan 2001–2002). Everything stays in log space so that a confident prediction's
 * small probabilities (the conformal scores of the other labels) are not rounded to 0 or 1.
 */
export interface Calibrator {
  beta: number;
  classes: number;
  map?:
    | { kind: "matrix"; weights: Float64Array; bias: Float64Array }
    | { kind: "binary"; upper: Float64Array; values: Float64Array };
}

export function compileCalibrator(
  calibration: Pick<ParsedCalibration, "temperature" | "map">,
  classes: number,
): Calibrator {
  const beta = 1 / calibration.temperature;
  const map = calibration.map;
  if (!map) return { beta, classes };
  return { beta, classes, map: compileMap(map, classes) };
}

function compileMap(map: CalibrationMap, classes: number): NonNullable<Calibrator["map"]> {
  if (map.kind === "matrix") {
    if (map.classes !== classes || map.weights.length !== classes * classes || map.bias.length !== classes) {
      throw new RangeError(
        `calibration map: a ${classes}-class model needs ${classes}×${classes} weights and ${classes} biases`,
      );
    }
    return { kind: "matrix", weights: Float64Array.from(map.weights), bias: Float64Array.from(map.bias) };
  }
  if (classes !== 2) throw new RangeError("calibration map: binary maps (isotonic, histogram) need exactly two labels");
  if (map.upper.length !== map.values.length)
    throw new RangeError("calibration map: upper and values differ in length");
  if (map.upper.some((u, k) => k > 0 && u < map.upper[k - 1]!))
    throw new RangeError("calibration map: upper must be ascending");
  return { kind: "binary", upper: Float64Array.from(map.upper), values: Float64Array.from(map.values) };
}

/** The value of a binary step map at p: values[k] for the first k with p <= upper[k] (the last beyond). */
export function stepValue(upper: ArrayLike<number>, values: ArrayLike<number>, p: number): number {
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p <= upper[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return values[lo]!;
}

/**
 * Writes the calibrated log-probabilities of M members (M × C logits at `offset`) into
 * out[at, at + M·C). `scratch` holds at least C values.
 */
export function calibratedLogProbsInto(
  cal: Calibrator,
  logits: ArrayLike<number>,
  offset: number,
  members: number,
  out: Float64Array,
  at: number,
  scratch: Float64Array,
): void {
  const C = cal.classes;
  for (let m = 0; m < members; m++) {
    const from = offset + m * C;
    const to = at + m * C;
    for (let c = 0; c < C; c++) scratch[c] = cal.beta * logits[from + c]!;
    const norm = logSumExp(scratch, 0, C);
    for (let c = 0; c < C; c++) scratch[c] = scratch[c]! - norm;
    const map = cal.map;
    if (!map) {
      for (let c = 0; c < C; c++) out[to + c] = scratch[c]!;
    } else if (map.kind === "matrix") {
      for (let r = 0; r < C; r++) {
        let s = map.bias[r]!;
        for (let c = 0; c < C; c++) s += map.weights[r * C + c]! * scratch[c]!;
        out[to + r] = s;
      }
      const z = logSumExp(out, to, to + C);
      for (let c = 0; c < C; c++) out[to + c] = out[to + c]! - z;
    } else {
      const v = stepValue(map.upper, map.values, Math.exp(scratch[1]!));
      out[to] = Math.log1p(-v);
      out[to + 1] = Math.log(v);
    }
  }
}

/** log p̄_c = log mean_m p_m(c) of M × C member log-probabilities, into out[0, C). */
export function logMeanInto(memberLogProbs: Float64Array, members: number, classes: number, out: Float64Array): void {
  const logM = Math.log(members);
  for (let c = 0; c < classes; c++) {
    let max = -Infinity;
    for (let m = 0; m < members; m++) max = Math.max(max, memberLogProbs[m * classes + c]!);
    if (max === -Infinity) {
      out[c] = -Infinity;
      continue;
    }
    let sum = 0;
    for (let m = 0; m < members; m++) sum += Math.exp(memberLogProbs[m * classes + c]! - max);
    out[c] = max + Math.log(sum) - logM;
  }
}
