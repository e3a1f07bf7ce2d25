import { softmaxInto } from "../calibration/softmax.ts";
import type { Head } from "./artifact-schema.ts";

/** Any M-member linear head over F features (C classes): weights M × C × F member-major, bias M × C. */
export interface HeadMembers {
  members: number;
  classes: number;
  weights: ArrayLike<number>;
  bias: ArrayLike<number>;
}

/**
 * A last-layer posterior compiled to flat arrays once per isolate: M members (W_m, b_m) acting
 * on the backbone's features, so one backbone pass yields M predictive distributions
 * (the "one backbone pass plus M cheap head samples" design of Futami et al., arXiv 2206.01606).
 */
export interface CompiledHead extends HeadMembers {
  features: number;
  weights: Float64Array;
  bias: Float64Array;
}

export function compileHead(head: Head): CompiledHead {
  const { members, classes, features } = head;
  if (head.weights.length !== members * classes * features) {
    throw new RangeError(
      `head.json: weights has ${head.weights.length} values, M × C × F = ${members * classes * features}`,
    );
  }
  if (head.bias.length !== members * classes) {
    throw new RangeError(`head.json: bias has ${head.bias.length} values, M × C = ${members * classes}`);
  }
  return { members, classes, features, weights: Float64Array.from(head.weights), bias: Float64Array.from(head.bias) };
}

/** The M × C member logits W_m f + b_m of the feature row f = features[offset, offset + F), written to out[at, at + M·C). */
export function memberLogitsInto(
  head: HeadMembers,
  features: ArrayLike<number>,
  offset: number,
  out: Float64Array,
  at: number,
): void {
  const { members, classes, weights, bias } = head;
  const width = weights.length / (members * classes);
  for (let m = 0; m < members; m++) {
    for (let c = 0; c < classes; c++) {
      const row = (m * classes + c) * width;
      let z = bias[m * classes + c]!;
      for (let f = 0; f < width; f++) z += weights[row + f]! * features[offset + f]!;
      out[at + m * classes + c] = z;
    }
  }
}

/** Member logits of every feature row: N × M × C, what the ensemble temperature is fitted on. */
export function memberLogits(head: HeadMembers, features: ArrayLike<number>): Float64Array {
  const perRow = head.members * head.classes;
  const width = head.weights.length / perRow;
  const rows = features.length / width;
  const out = new Float64Array(rows * perRow);
  for (let r = 0; r < rows; r++) memberLogitsInto(head, features, r * width, out, r * perRow);
  return out;
}

/**
 * Writes the M × C member distributions softmax(beta · (W_m f + b_m)) for the feature row
 * f = features[offset, offset + F) into out (logits first, then softmax in place).
 */
export function memberProbabilities(
  head: HeadMembers,
  features: ArrayLike<number>,
  offset: number,
  beta: number,
  out: Float64Array,
): void {
  memberLogitsInto(head, features, offset, out, 0);
  for (let m = 0; m < head.members; m++) softmaxInto(out, m * head.classes, head.classes, beta, out, m * head.classes);
}
