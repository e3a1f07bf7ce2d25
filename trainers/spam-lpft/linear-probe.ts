import { headLogits } from "./features.ts";

/**
 * Linear probing (Kumar et al. 2022 LP-FT; Tomihari & Sato 2024, arXiv 2405.16747): L2-regularised
 * logistic regression on frozen features, minimising mean CE + (l2 / 2)||w||² by Newton's method
 * (the objective is strictly convex, so a handful of steps reach the optimum). For two classes the
 * softmax head V = [-w/2; w/2], b = [-c/2; c/2] gives the same probabilities as sigmoid(w·x + c).
 * The strength is chosen on validation NLL from a grid.
 */
export interface LinearHead {
  /** [C × F] row-major. */
  v: Float64Array;
  b: Float64Array;
  l2: number;
}

export function fitBinaryLogistic(
  x: Float64Array,
  y: Int32Array,
  l2: number,
  iterations = 30,
): { w: Float64Array; c: number } {
  const n = y.length;
  const F = x.length / n;
  const P = F + 1; // last coordinate is the intercept (not penalised)
  const theta = new Float64Array(P);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(P);
    const hess = new Float64Array(P * P);
    for (let i = 0; i < n; i++) {
      let z = theta[F]!;
      for (let j = 0; j < F; j++) z += theta[j]! * x[i * F + j]!;
      const p = 1 / (1 + Math.exp(-z));
      const r = (p - y[i]!) / n;
      const s = (p * (1 - p)) / n;
      for (let j = 0; j < P; j++) {
        const xj = j < F ? x[i * F + j]! : 1;
        grad[j]! += r * xj;
        for (let k = 0; k <= j; k++) hess[j * P + k]! += s * xj * (k < F ? x[i * F + k]! : 1);
      }
    }
    for (let j = 0; j < P; j++) {
      for (let k = 0; k < j; k++) hess[k * P + j] = hess[j * P + k]!;
      if (j < F) {
        grad[j]! += l2 * theta[j]!;
        hess[j * P + j]! += l2;
      }
      hess[j * P + j]! += 1e-9; // keeps the solve defined when l2 = 0 and features are collinear
    }
    const step = solve(hess, grad, P);
    let size = 0;
    for (let j = 0; j < P; j++) {
      theta[j]! -= step[j]!;
      size = Math.max(size, Math.abs(step[j]!));
    }
    if (size < 1e-8) break;
  }
  return { w: theta.slice(0, F), c: theta[F]! };
}

/** Gaussian elimination with partial pivoting (P ≤ a few hundred). */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[piv * n + col]!)) piv = r;
    if (piv !== col) {
      for (let k = 0; k < n; k++) [m[col * n + k], m[piv * n + k]] = [m[piv * n + k]!, m[col * n + k]!];
      [x[col], x[piv]] = [x[piv]!, x[col]!];
    }
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col]! / m[col * n + col]!;
      if (f === 0) continue;
      for (let k = col; k < n; k++) m[r * n + k]! -= f * m[col * n + k]!;
      x[r]! -= f * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * x[k]!;
    x[r] = s / m[r * n + r]!;
  }
  return x;
}

export function binaryToSoftmaxHead(w: Float64Array, c: number, l2: number): LinearHead {
  const F = w.length;
  const v = new Float64Array(2 * F);
  for (let j = 0; j < F; j++) {
    v[j] = -w[j]! / 2;
    v[F + j] = w[j]! / 2;
  }
  return { v, b: Float64Array.from([-c / 2, c / 2]), l2 };
}

export function meanNll(logits: Float64Array, y: Int32Array, classes: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[i * classes + c]!);
    let z = 0;
    for (let c = 0; c < classes; c++) z += Math.exp(logits[i * classes + c]! - max);
    s += max + Math.log(z) - logits[i * classes + y[i]!]!;
  }
  return s / y.length;
}

export const L2_GRID = [1e-4, 1e-3, 1e-2, 1e-1] as const;

/** LP with the strength of the grid that minimises validation NLL. */
export function linearProbe(
  train: { x: Float64Array; y: Int32Array },
  valid: { x: Float64Array; y: Int32Array },
  grid: readonly number[] = L2_GRID,
): LinearHead {
  let best: LinearHead | undefined;
  let bestNll = Infinity;
  for (const l2 of grid) {
    const { w, c } = fitBinaryLogistic(train.x, train.y, l2);
    const head = binaryToSoftmaxHead(w, c, l2);
    const nll = meanNll(headLogits(valid.x, head.v, head.b, 2), valid.y, 2);
    if (nll < bestNll) [best, bestNll] = [head, nll];
  }
  return best!;
}
