import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";

/**
 * AUROC and AURC with per-example multiplicities, so a bootstrap resample (Efron 1979) costs one
 * pass over a presorted order instead of a sort: AUROC is the Mann–Whitney U with mid-ranks for
 * ties (the probability that a positive scores above a negative, ties counting ½), AURC the mean
 * error rate of the answered set over all coverages, most certain answered first (Geifman et al.
 * 2019). With all multiplicities 1 both equal trainers/spam-lpft/selective.ts.
 */
export interface Ranked {
  /** Indices sorted by score ascending (stable). */
  order: Int32Array;
  scores: Float64Array;
  /** 1 = positive (an error, or a shifted input). */
  positive: Uint8Array;
}

export function rank(scores: Float64Array, positive: ArrayLike<boolean>): Ranked {
  const order = Int32Array.from(scores, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
  return { order, scores, positive: Uint8Array.from(positive as ArrayLike<boolean>, (p) => (p ? 1 : 0)) };
}

/** AUROC of the score for telling positives from negatives; NaN when one side is empty. */
export function weightedAuroc(r: Ranked, weight?: ArrayLike<number>): number {
  const w = (i: number) => (weight ? weight[i]! : 1);
  let negBelow = 0;
  let u = 0;
  let pos = 0;
  for (let a = 0; a < r.order.length; ) {
    let b = a;
    let groupPos = 0;
    let groupNeg = 0;
    while (b < r.order.length && r.scores[r.order[b]!] === r.scores[r.order[a]!]) {
      const i = r.order[b]!;
      if (r.positive[i]) groupPos += w(i);
      else groupNeg += w(i);
      b++;
    }
    u += groupPos * (negBelow + groupNeg / 2);
    negBelow += groupNeg;
    pos += groupPos;
    a = b;
  }
  return pos === 0 || negBelow === 0 ? NaN : u / (pos * negBelow);
}

/** AURC, positives being errors; the score orders answers (lowest answered first). */
export function weightedAurc(r: Ranked, weight?: ArrayLike<number>): number {
  let answered = 0;
  let errors = 0;
  let area = 0;
  for (const i of r.order) {
    const k = weight ? weight[i]! : 1;
    for (let c = 0; c < k; c++) {
      answered++;
      if (r.positive[i]) errors++;
      area += errors / answered;
    }
  }
  return answered ? area / answered : NaN;
}

/** Multiplicities of one bootstrap resample of n rows (n draws with replacement). */
export function resampleCounts(rng: Rng, n: number, out = new Uint32Array(n)): Uint32Array {
  out.fill(0);
  for (let k = 0; k < n; k++) out[uniformInt(rng, n)]!++;
  return out;
}

/** Percentile interval [2.5 %, 97.5 %] of finite values. */
export function percentileInterval(values: readonly number[]): [number, number] {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return [NaN, NaN];
  const at = (q: number) => v[Math.min(v.length - 1, Math.max(0, Math.round(q * (v.length - 1))))]!;
  return [at(0.025), at(0.975)];
}
