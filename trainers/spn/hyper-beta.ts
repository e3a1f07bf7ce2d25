import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import type { BinaryData } from "./dataset.ts";
import { digamma } from "./special.ts";

export const BETA_BOUNDS = { min: 1e-2, max: 1e3 } as const;

/**
 * Type-II maximum likelihood of a Beta-Binomial: groups i with ones[i] successes out of size[i]
 * trials, by Minka's fixed point (Minka 2000, "Estimating a Dirichlet distribution", eq. 55 for
 * two components). Groups of size 0 carry no information and are skipped.
 */
export function fitBetaBinomial(ones: ArrayLike<number>, size: ArrayLike<number>, a0 = 1, b0 = 1): [number, number] {
  let a = a0;
  let b = b0;
  for (let iter = 0; iter < 200; iter++) {
    let numA = 0;
    let numB = 0;
    let den = 0;
    const dA = digamma(a);
    const dB = digamma(b);
    const dAB = digamma(a + b);
    for (let i = 0; i < size.length; i++) {
      const m = size[i]!;
      if (m === 0) continue;
      numA += digamma(ones[i]! + a) - dA;
      numB += digamma(m - ones[i]! + b) - dB;
      den += digamma(m + a + b) - dAB;
    }
    if (den <= 0) break;
    const clamp = (v: number): number => Math.min(BETA_BOUNDS.max, Math.max(BETA_BOUNDS.min, v));
    // An all-zero (or all-one) column drives a (or b) to 0: keep it at the bound, not at NaN.
    const nextA = clamp(numA > 0 ? (a * numA) / den : BETA_BOUNDS.min);
    const nextB = clamp(numB > 0 ? (b * numB) / den : BETA_BOUNDS.min);
    const moved = Math.abs(nextA - a) / a + Math.abs(nextB - b) / b;
    a = nextA;
    b = nextB;
    if (moved < 1e-6) break;
  }
  return [a, b];
}

export interface BetaGroupOptions {
  /** Conditioning sets drawn per variable. */
  sets: number;
  /** Variables per conditioning set (groups = their observed value patterns). */
  conditioning: number;
  /** Rows subsampled for the fit. */
  rows: number;
}

/**
 * Empirical-Bayes Beta(a_d, b_d) per variable from subsampled column groups. A leaf sees the
 * rows of one cluster, so its groups are made to resemble clusters: rows that agree on a random
 * set of other variables. The spread of column d across such groups is what the prior on a leaf
 * parameter has to express (a reading of Yokoi & Sato's per-dimension empirical Bayes; random
 * groups would have no spread and push a + b to the bound).
 */
export function empiricalBetaPriors(
  rng: Rng,
  data: BinaryData,
  options: BetaGroupOptions,
): { a: Float64Array; b: Float64Array } {
  const D = data.cols;
  const rows = Array.from({ length: Math.min(options.rows, data.rows) }, () => uniformInt(rng, data.rows));
  const q = Math.min(options.conditioning, D - 1);
  const a = new Float64Array(D);
  const b = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    const ones: number[] = [];
    const size: number[] = [];
    for (let t = 0; t < options.sets; t++) {
      const others = Array.from({ length: D }, (_, i) => i).filter((i) => i !== d);
      const set: number[] = [];
      for (let i = 0; i < q; i++) set.push(others.splice(uniformInt(rng, others.length), 1)[0]!);
      const groups = new Map<string, [number, number]>();
      for (const n of rows) {
        const key = set.map((v) => data.x[n * D + v]).join("");
        const cell = groups.get(key) ?? [0, 0];
        cell[0] += data.x[n * D + d]!;
        cell[1] += 1;
        groups.set(key, cell);
      }
      for (const [k, m] of groups.values()) {
        ones.push(k);
        size.push(m);
      }
    }
    [a[d], b[d]] = fitBetaBinomial(ones, size);
  }
  return { a, b };
}
