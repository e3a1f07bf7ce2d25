import { softmaxInto } from "../calibration/softmax.ts";
import type { Head } from "./artifact-schema.ts";

/**
 * A last-layer posterior compiled to flat arrays once per isolate: M members (W_m, b_m) acting
 * on the backbone's features, so one backbone pass yields M predictive distributions
 * (the "one backbone pass plus M cheap head samples" design of Futami et al., arXiv 2206.01606).
 */
export interface CompiledHead {
  members: number;
  classes: number;
  features: number;
  /** M × C × F, member-major. */
  weights: Float64Array;
  /** M × C. */
  bias: Float64Array;
}

export function compileHead(head: Head): CompiledHead {
  const { members, classes, features } = head;
  if (head.weights.length !== members * classes * features) {
    throw new RangeError(`head.json: weights has ${head.weights.length} values, M × C × F = ${members * classes * features}`);
  }
  if (head.bias.length !== members * classes) {
    throw new RangeError(`head.json: bias has ${head.bias.length} values, M × C = ${members * classes}`);
  }
  return { members, classes, features, weights: Float64Array.from(head.weights), bias: Float64Array.from(head.bias) };
}

/**
 * Writes the M × C member distributions softmax(beta · (W_m f + b_m)) for the feature row
 * f = features[offset, offset + F) into out; `logits` is C scratch values.
 */
export function memberProbabilities(
  head: CompiledHead,
  features: ArrayLike<number>,
  offset: number,
  beta: number,
  out: Float64Array,
  logits: Float64Array,
): void {
  const { members, classes, features: width, weights, bias } = head;
  for (let m = 0; m < members; m++) {
    for (let c = 0; c < classes; c++) {
      const row = (m * classes + c) * width;
      let z = bias[m * classes + c]!;
      for (let f = 0; f < width; f++) z += weights[row + f]! * features[offset + f]!;
      logits[c] = z;
    }
    softmaxInto(logits, 0, classes, beta, out, m * classes);
  }
}
