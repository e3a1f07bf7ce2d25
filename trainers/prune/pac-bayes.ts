import { logGamma } from "../spn/special.ts";

/**
 * The PAC-Bayes-kl bound (Langford & Seeger 2001; Maurer 2004) for a pruned network, as used for
 * winning tickets by Sakamoto & Sato (lottery tickets and PAC-Bayes): posterior Q = the pruned
 * weights w with N(0, σ²) noise on the kept ones and exact zeros on the pruned ones (spike and
 * slab), prior P = the same spike-and-slab centred on the rewound weights w0. With probability
 * ≥ 1 − δ over the m examples (drawn independently of P), for every Q:
 *   kl(ê_S(Q) ‖ e(Q)) ≤ (KL(Q ‖ P) + ln(2√m / δ)) / m,
 * where KL(Q ‖ P) = Σ_kept (w − w0)² / 2σ² + ln C(n, k) + ln(levels) + ln(σ grid): the mask is
 * paid for by a uniform prior over the C(n, k) masks of its size, the sparsity level and σ by
 * uniform priors over the levels tried and the σ grid.
 */

/** kl(q ‖ p) between Bernoulli(q) and Bernoulli(p), in nats. */
export function klBernoulli(q: number, p: number): number {
  const term = (a: number, b: number) => (a === 0 ? 0 : b === 0 ? Infinity : a * Math.log(a / b));
  return term(q, p) + term(1 - q, 1 - p);
}

/** The largest p ≥ q with kl(q ‖ p) ≤ budget (bisection; 1 when the budget is never reached). */
export function klInverseUpper(q: number, budget: number): number {
  if (!(q >= 0 && q <= 1) || !(budget >= 0))
    throw new RangeError(`klInverseUpper: q ${q} must be in [0, 1] and budget ${budget} ≥ 0`);
  if (q === 1 || klBernoulli(q, 1) <= budget) return 1;
  let [lo, hi] = [q, 1];
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (klBernoulli(q, mid) > budget) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** ln C(n, k) by log-gamma (exact to ~1e-12 relative for the sizes here). */
export function logBinomial(n: number, k: number): number {
  if (!(Number.isInteger(n) && Number.isInteger(k) && k >= 0 && k <= n))
    throw new RangeError(`logBinomial: need integers 0 ≤ k ≤ n, got n ${n}, k ${k}`);
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Σ over kept weights of (w − w0)² / 2σ²: KL between the slabs N(w, σ²) and N(w0, σ²). */
export function gaussianKl(
  weights: readonly Float32Array[],
  rewound: readonly Float32Array[],
  masks: readonly Uint8Array[],
  sigma: number,
): number {
  let sum = 0;
  weights.forEach((w, t) => {
    const w0 = rewound[t]!;
    const m = masks[t]!;
    for (let i = 0; i < w.length; i++) if (m[i] !== 0) sum += (w[i]! - w0[i]!) ** 2;
  });
  return sum / (2 * sigma * sigma);
}

export interface BoundInput {
  /** Monte Carlo estimate of ê_S(Q): mean over independent draws, each scored on its own chunk. */
  sampledError: number;
  /** Number of independent (draw, chunk) scores behind sampledError. */
  draws: number;
  /** Examples the bound is computed on (independent of the prior). */
  m: number;
  /** Σ_kept (w − w0)² / 2σ². */
  weightKl: number;
  /** Prunable weights n and kept prunable weights k (the mask's description length ln C(n, k)). */
  prunable: number;
  kept: number;
  /** Sparsity levels and σ values a union bound must cover. */
  levels: number;
  sigmas: number;
  /** Total failure probability, split 4:1 between the PAC-Bayes bound and the sampling bound. */
  delta: number;
}

export interface Bound {
  bound: number;
  /** Upper confidence bound on ê_S(Q) from the sampled draws (Langford & Caruana 2001). */
  empiricalUpper: number;
  maskNats: number;
  complexity: number;
}

/**
 * e(Q) ≤ kl⁻¹(kl⁻¹(ê, ln(2/δ')/draws), (KL + ln(2√m/δ))/m): the sampling bound first (as in
 * Dziugaite & Roy 2017), then the PAC-Bayes-kl bound on it.
 */
export function pacBayesBound(b: BoundInput): Bound {
  const deltaSampling = b.delta / 5;
  const deltaBound = b.delta - deltaSampling;
  const empiricalUpper = klInverseUpper(b.sampledError, Math.log(2 / deltaSampling) / b.draws);
  const maskNats = logBinomial(b.prunable, b.kept);
  const complexity =
    b.weightKl + maskNats + Math.log(b.levels) + Math.log(b.sigmas) + Math.log((2 * Math.sqrt(b.m)) / deltaBound);
  return { bound: klInverseUpper(empiricalUpper, complexity / b.m), empiricalUpper, maskNats, complexity };
}
