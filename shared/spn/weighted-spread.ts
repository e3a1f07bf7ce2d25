import { spread, type Uncertainty } from "./spread.ts";

/**
 * Spread of values[i] under weights[i] >= 0 (normalised here), for answers whose parameter sets
 * carry posterior weights w ∝ p(e | θ) (a query's evidence re-weights the posterior). Zero-weight
 * values are ignored (their answer may be undefined, e.g. a conditional given p(e) = 0). Equal
 * weights give exactly spread(values). Otherwise: the weighted population std, and quantiles that
 * generalise Hyndman & Fan type 6 as spread() uses it (spread.ts quantile: why type 6): the value
 * of rank i sits at cumulative position C_i / (W + W / n), C_i its cumulative weight including its
 * own (i / (n + 1) for equal weights: the new draw weighs as much as an average one), linearly
 * interpolated, clamped to the extremes.
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

/** Weighted type-6 quantile of sorted x with weights w (total W). */
export function weightedQuantile(x: readonly number[], w: readonly number[], total: number, p: number): number {
  const n = x.length;
  const scale = total + total / n;
  let at = w[0]!; // cumulative weight through rank i
  if (n === 1 || p <= at / scale) return x[0]!;
  for (let i = 0; i < n - 1; i++) {
    const here = at / scale;
    const next = (at + w[i + 1]!) / scale;
    if (p <= next) {
      const t = next > here ? (p - here) / (next - here) : 1;
      const a = x[i]!;
      const b = x[i + 1]!;
      return a === b || t <= 0 ? a : a === -Infinity ? -Infinity : a + t * (b - a);
    }
    at += w[i + 1]!;
  }
  return x[n - 1]!;
}
