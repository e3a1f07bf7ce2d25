import type { SamplerState } from "./state.ts";

export const ALPHA_BOUNDS = { min: 1e-3, max: 10 } as const;

/**
 * Empirical-Bayes Dirichlet concentration: maximises the collapsed p(Z | alpha) (notes Sec. 2)
 * over one symmetric alpha shared by all sums, by Minka's fixed point (Minka 2000, eq. 9):
 *   alpha <- alpha * sum_{s,c} [psi(n_{s,c} + alpha) - psi(alpha)] / sum_s C_s [psi(n_s + C_s alpha) - psi(C_s alpha)].
 * For integer counts psi(n + x) - psi(x) = sum_{i < n} 1 / (x + i), so both sums reduce to tail
 * counts ("how many counts exceed i"), making an iteration O(max count) instead of O(edges).
 */
export function fitAlpha(st: SamplerState, start: number, iterations = 100): number {
  const g = st.graph;
  const maxCount = st.data.rows + 1;
  const edgeTail = new Float64Array(maxCount);
  const sumTails = new Map<number, Float64Array>();
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 1) continue;
    const C = g.childCount[r]!;
    let tail = sumTails.get(C);
    if (!tail) sumTails.set(C, (tail = new Float64Array(maxCount)));
    for (let k = 0; k < g.size[r]!; k++) {
      const s = g.sumStart[r]! + k;
      tail[st.sumTotal[s]!]! += 1;
      const e0 = g.edgeStart[r]! + k * C;
      for (let i = 0; i < st.nzLength[s]!; i++) edgeTail[st.sumCount[e0 + st.nzList[e0 + i]!]!]! += 1;
    }
  }
  // Histograms -> tails: tail[i] = #{counts > i}.
  const toTail = (h: Float64Array): void => {
    let above = 0;
    for (let i = h.length - 1; i >= 0; i--) {
      const here = h[i]!;
      h[i] = above;
      above += here;
    }
  };
  toTail(edgeTail);
  for (const t of sumTails.values()) toTail(t);
  let alpha = start;
  for (let iter = 0; iter < iterations; iter++) {
    let num = 0;
    for (let i = 0; i < maxCount && edgeTail[i]! > 0; i++) num += edgeTail[i]! / (alpha + i);
    let den = 0;
    for (const [C, tail] of sumTails) {
      for (let i = 0; i < maxCount && tail[i]! > 0; i++) den += (C * tail[i]!) / (C * alpha + i);
    }
    if (den <= 0) return alpha;
    const next = Math.min(ALPHA_BOUNDS.max, Math.max(ALPHA_BOUNDS.min, (alpha * num) / den));
    const moved = Math.abs(next - alpha) / alpha;
    alpha = next;
    if (moved < 1e-7) break;
  }
  return alpha;
}
