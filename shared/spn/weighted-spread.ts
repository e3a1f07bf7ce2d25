import { spread, type Uncertainty } from "./spread.ts";

/**
 * Spread of values[i] under weights[i] >= 0 (normalised here), for answers whose parameter sets
 * carry posterior weights w ∝ p(e | θ) (a query's evidence re-weights the posterior). Zero-weight
 * values are ignored (their answer may be undefined, e.g. a conditional given p(e) = 0). Equal
 * weights give exactly spread(values). Otherwise: the weighted population std, and quantiles that
 * generalise Hyndman & Fan type 7 (the value of rank i sits at cumulative position
 * (C_i - w_i) / (W - w_last), which is i / (n - 1) for equal weights), linearly interpolated.
 */
export function weightedSpread(values: ArrayLike<number>, weights: ArrayLike<number>): Uncertainty {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (weights[i]! > 0) kept.push(i);
  const w0 = weights[kept[0]!]!;
  if (kept.every((i) => weights[i] === w0)) return spread(kept.map((i) => values[i]!));
  kept.sort((a, b) => values[a]! - values[b]! || a - b);
  const x = kept.map((i) => values[i]!);
  const w = kept.map((i) => weights[i]!);
  const total = w.reduce((a, b) => a + b, 0);
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += (w[i]! / total) * x[i]!;
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (w[i]! / total) * (x[i]! - mean) ** 2;
  const std = Number.isFinite(mean) ? Math.sqrt(sq) : Infinity;
  return { std, interval95: [weightedQuantile(x, w, total, 0.025), weightedQuantile(x, w, total, 0.975)] };
}

/** Weighted type-7 quantile of sorted x with weights w (total W). */
export function weightedQuantile(x: readonly number[], w: readonly number[], total: number, p: number): number {
  const span = total - w[w.length - 1]!;
  if (x.length === 1 || span <= 0) return x[x.length - 1]!;
  let below = 0; // cumulative weight before rank i
  for (let i = 0; i < x.length - 1; i++) {
    const here = below / span;
    const next = (below + w[i]!) / span;
    if (p <= next) {
      const t = next > here ? (p - here) / (next - here) : 1;
      const a = x[i]!;
      const b = x[i + 1]!;
      return a === b || t <= 0 ? a : a === -Infinity ? -Infinity : a + t * (b - a);
    }
    below += w[i]!;
  }
  return x[x.length - 1]!;
}
