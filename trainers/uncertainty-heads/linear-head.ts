import { softmaxInto } from "../../shared/calibration/softmax.ts";

/**
 * A linear softmax head over fixed features, as one flat parameter vector θ = [W (C × F,
 * row-major); b (C)] — the layout of one member in head.json — and labelled features to fit
 * it on. Everything the head fitters (rBER VI, particle VI, ensembles) share.
 */
export interface FeatureData {
  /** N × F row-major. */
  x: Float64Array;
  y: Int32Array;
  features: number;
  classes: number;
}

export const parameterCount = (d: Pick<FeatureData, "features" | "classes">) => d.classes * (d.features + 1);

export const rowsOf = (d: FeatureData) => d.y.length;

/** p = softmax(W x_i + b) into out[at, at + C). */
export function headProbsInto(
  theta: ArrayLike<number>,
  d: FeatureData,
  i: number,
  out: Float64Array,
  at = 0,
  logits = new Float64Array(d.classes),
): void {
  const { features: F, classes: C, x } = d;
  for (let c = 0; c < C; c++) {
    let z = theta[C * F + c]!;
    for (let f = 0; f < F; f++) z += theta[c * F + f]! * x[i * F + f]!;
    logits[c] = z;
  }
  softmaxInto(logits, 0, C, 1, out, at);
}

/** grad += ∂z/∂θ ᵀ dz for the logits z = W x_i + b (dz is ∂loss/∂z, length C). */
export function addLogitGradient(
  grad: Float64Array,
  d: FeatureData,
  i: number,
  dz: ArrayLike<number>,
  scale = 1,
): void {
  const { features: F, classes: C, x } = d;
  for (let c = 0; c < C; c++) {
    const g = dz[c]! * scale;
    if (g === 0) continue;
    for (let f = 0; f < F; f++) grad[c * F + f]! += g * x[i * F + f]!;
    grad[C * F + c]! += g;
  }
}

/** Back-propagates ∂loss/∂p through the softmax: dz_c = p_c (g_c − Σ_k p_k g_k), written to dz. */
export function softmaxBackward(
  p: ArrayLike<number>,
  at: number,
  g: ArrayLike<number>,
  classes: number,
  dz: Float64Array,
): void {
  let dot = 0;
  for (let c = 0; c < classes; c++) dot += p[at + c]! * g[c]!;
  for (let c = 0; c < classes; c++) dz[c] = p[at + c]! * (g[c]! - dot);
}

/** M flat parameter vectors packed as head.json members (weights M × C × F, bias M × C). */
export function packMembers(
  thetas: readonly Float64Array[],
  d: Pick<FeatureData, "features" | "classes">,
): { members: number; classes: number; features: number; weights: Float64Array; bias: Float64Array } {
  const { features: F, classes: C } = d;
  const M = thetas.length;
  const weights = new Float64Array(M * C * F);
  const bias = new Float64Array(M * C);
  thetas.forEach((t, m) => {
    weights.set(t.subarray(0, C * F), m * C * F);
    bias.set(t.subarray(C * F), m * C);
  });
  return { members: M, classes: C, features: F, weights, bias };
}

/** Member m of a head.json-style head as one flat θ. */
export function memberTheta(
  head: { weights: ArrayLike<number>; bias: ArrayLike<number>; classes: number; features: number },
  m: number,
): Float64Array {
  const { classes: C, features: F } = head;
  const t = new Float64Array(C * (F + 1));
  for (let k = 0; k < C * F; k++) t[k] = head.weights[m * C * F + k]!;
  for (let c = 0; c < C; c++) t[C * F + c] = head.bias[m * C + c]!;
  return t;
}

/** The parameter mean of all members: the prior centre built from a disjoint (training) split. */
export function meanTheta(head: {
  members: number;
  weights: ArrayLike<number>;
  bias: ArrayLike<number>;
  classes: number;
  features: number;
}): Float64Array {
  const t = new Float64Array(head.classes * (head.features + 1));
  for (let m = 0; m < head.members; m++) {
    const one = memberTheta(head, m);
    for (let k = 0; k < t.length; k++) t[k]! += one[k]! / head.members;
  }
  return t;
}
