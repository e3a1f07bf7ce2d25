import type { Rng } from "../../shared/numeric/rng.ts";

/**
 * Bayesian optimisation on [0, 1]^d (the GDR theta search): a Gaussian process with an RBF kernel
 * on standardised objective values, expected improvement maximised over random candidates and
 * perturbations of the incumbent. Small on purpose: tens of evaluations, d = 5.
 */
export interface BayesOptOptions {
  /** Fixed first evaluations (the paper's code starts from 5 fixed points). */
  starts: readonly (readonly number[])[];
  steps: number;
  lengthScale?: number;
  noise?: number;
  candidates?: number;
}

export interface BayesOptResult {
  best: number[];
  bestValue: number;
  history: { x: number[]; value: number }[];
}

function kernel(a: readonly number[], b: readonly number[], ell: number): number {
  let d2 = 0;
  for (let i = 0; i < a.length; i++) d2 += (a[i]! - b[i]!) ** 2;
  return Math.exp(-d2 / (2 * ell * ell));
}

/** Cholesky factor L (row-major, lower) of a symmetric positive-definite n × n matrix. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j]!;
    }
  }
  return l;
}

function solveLower(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7). */
function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Maximises `objective` (possibly noisy) over [0, 1]^d. */
export function bayesOpt(rng: Rng, objective: (x: number[]) => number, o: BayesOptOptions): BayesOptResult {
  const d = o.starts[0]!.length;
  const ell = o.lengthScale ?? 0.3;
  const noise = o.noise ?? 0.05;
  const history: BayesOptResult["history"] = [];
  const evaluate = (x: number[]) => history.push({ x, value: objective(x) });
  for (const s of o.starts) evaluate([...s]);
  for (let step = 0; step < o.steps; step++) {
    const n = history.length;
    const ys = history.map((h) => h.value);
    const mean = ys.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
    const z = Float64Array.from(ys, (y) => (y - mean) / sd);
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) k[i * n + j] = kernel(history[i]!.x, history[j]!.x, ell) + (i === j ? noise : 0);
    const l = cholesky(k, n);
    const alpha = solveLower(l, n, z); // L⁻¹ z; the mean is (L⁻¹ k*)·(L⁻¹ z)
    const incumbent = history.reduce((a, b) => (b.value > a.value ? b : a));
    const bestZ = (incumbent.value - mean) / sd;
    let next = incumbent.x;
    let bestEi = -Infinity;
    for (let c = 0; c < (o.candidates ?? 512); c++) {
      const x =
        c % 2 === 0
          ? Array.from({ length: d }, () => rng.nextFloat())
          : incumbent.x.map((v) => Math.min(1, Math.max(0, v + 0.1 * (rng.nextFloat() * 2 - 1))));
      const ks = Float64Array.from(history, (h) => kernel(x, h.x, ell));
      const v = solveLower(l, n, ks);
      let mu = 0;
      let reduction = 0;
      for (let i = 0; i < n; i++) {
        mu += v[i]! * alpha[i]!;
        reduction += v[i]! * v[i]!;
      }
      const sigma = Math.sqrt(Math.max(1e-12, 1 + noise - reduction));
      const u = (mu - bestZ) / sigma;
      const ei = sigma * (u * normalCdf(u) + normalPdf(u));
      if (ei > bestEi) [bestEi, next] = [ei, x];
    }
    evaluate(next);
  }
  const best = history.reduce((a, b) => (b.value > a.value ? b : a));
  return { best: best.x, bestValue: best.value, history };
}
