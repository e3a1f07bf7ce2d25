/**
 * Ranking metrics for uncertainty scores: AUROC of telling shifted from in-distribution inputs
 * (Mann–Whitney U with mid-ranks for ties) and the area under the risk–coverage curve (AURC,
 * Geifman et al. 2019): answer the most certain first, average the error rate over coverages.
 */
export function auroc(inDist: ArrayLike<number>, shifted: ArrayLike<number>): number {
  const all = [...Array.from(inDist, (s) => ({ s, pos: 0 })), ...Array.from(shifted, (s) => ({ s, pos: 1 }))].sort(
    (a, b) => a.s - b.s,
  );
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const mid = (i + 1 + j) / 2; // mean of ranks i+1..j
    for (let k = i; k < j; k++) if (all[k]!.pos) rankSum += mid;
    i = j;
  }
  const p = shifted.length;
  const n = inDist.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * n);
}

/** AURC with `uncertainty` ordering (lower = answered first) and per-example correctness. */
export function aurc(uncertainty: ArrayLike<number>, correct: ArrayLike<boolean>): number {
  const order = Array.from(uncertainty, (_, i) => i).sort((a, b) => uncertainty[a]! - uncertainty[b]!);
  let errors = 0;
  let area = 0;
  order.forEach((i, k) => {
    if (!correct[i]) errors++;
    area += errors / (k + 1);
  });
  return area / Math.max(1, order.length);
}
