/**
 * Row-wise softmax of an N × C table of logits scaled by beta = 1/T, max-shifted so that
 * large logits cannot overflow. Temperature scaling (Guo et al. 2017, §4.2) serves
 * softmax(z / T); beta = 1 leaves the model's own probabilities.
 */
export function softmaxRows(logits: ArrayLike<number>, classes: number, beta = 1): Float64Array {
  const out = new Float64Array(logits.length);
  for (let row = 0; row < logits.length; row += classes) softmaxInto(logits, row, classes, beta, out, row);
  return out;
}

/** softmax(beta · z) of z = logits[from, from + classes), written to out[at, at + classes) (may be the same slots: each value is read before it is written). */
export function softmaxInto(
  logits: ArrayLike<number>,
  from: number,
  classes: number,
  beta: number,
  out: Float64Array,
  at: number,
): void {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, beta * logits[from + c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += out[at + c] = Math.exp(beta * logits[from + c]! - max);
  for (let c = 0; c < classes; c++) out[at + c]! /= sum;
}
