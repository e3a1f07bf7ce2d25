import { type Rng, standardNormal } from "./rng.ts";

/**
 * log of a Gamma(shape, 1) variate, for Dirichlet and Beta draws whose small concentrations
 * (Dirichlet alpha = 0.02 on unused sum edges) would underflow a linear-space variate to 0.
 * Marsaglia & Tsang (2000), "A simple method for generating gamma variables", for shape >= 1;
 * below 1 their boost G(a) = G(a + 1) U^(1/a), taken in log space: log G(a + 1) + log(U) / a.
 * Uses only Math.log/sqrt (no Math.pow), which agree between Node and workerd.
 */
export function logGammaVariate(rng: Rng, shape: number): number {
  if (shape < 1) {
    const u = 1 - rng.nextFloat(); // (0, 1]
    return logGammaVariate(rng, shape + 1) + Math.log(u) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.nextFloat();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return Math.log(d * v);
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return Math.log(d * v);
  }
}

/**
 * log of a Dirichlet(concentration[from..from+k)) draw written to out[at..at+k): normalised
 * log-gamma variates (log-sum-exp max-shifted). A zero concentration gives -Infinity (weight 0).
 */
export function logDirichletInto(
  rng: Rng,
  concentration: ArrayLike<number>,
  from: number,
  k: number,
  out: Float64Array,
  at: number,
): void {
  let max = -Infinity;
  for (let i = 0; i < k; i++) {
    const a = concentration[from + i]!;
    const g = a > 0 ? logGammaVariate(rng, a) : -Infinity;
    out[at + i] = g;
    if (g > max) max = g;
  }
  let sum = 0;
  for (let i = 0; i < k; i++) sum += Math.exp(out[at + i]! - max);
  const logTotal = max + Math.log(sum);
  for (let i = 0; i < k; i++) out[at + i] = out[at + i]! - logTotal;
}
