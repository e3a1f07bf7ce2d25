import type { SamplerState } from "./state.ts";
import { pushFactorRegions, pushFactors, startRegionWalk, startWalk } from "./tree-walk.ts";

/**
 * Walks of one induced tree given by a choice row (arr[start + r] = child chosen at region r):
 * its collapsed prior predictive and equality with another row, both O(|tree|).
 */

/** log prod_{s in T} (n_{s,c} + alpha) / (n_s + C_s alpha) with the current counts. */
export function logTreePrior(st: SamplerState, arr: Int32Array, start: number, stack: Int32Array): number {
  const g = st.graph;
  const alpha = st.hyper.alpha;
  let total = 0;
  let top = startWalk(g, stack);
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = arr[start + r]!;
    const C = g.childCount[r]!;
    total += Math.log(
      (st.sumCount[g.edgeStart[r]! + k * C + c]! + alpha) / (st.sumTotal[g.sumStart[r]! + k]! + C * alpha),
    );
    top = pushFactors(g, stack, top, r, c);
  }
  return total;
}

/** Copies the tree of row (src, srcStart) into (dst, dstStart) region by region along the tree. */
export function copyTree(
  st: SamplerState,
  src: Int32Array,
  srcStart: number,
  dst: Int32Array,
  dstStart: number,
  stack: Int32Array,
): void {
  const g = st.graph;
  let top = startRegionWalk(g, stack);
  while (top > 0) {
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = src[srcStart + r]!;
    dst[dstStart + r] = c;
    top = pushFactorRegions(g, stack, top, r, c);
  }
}

/** True when both rows induce the same tree (same choice at every region the tree visits). */
export function sameTree(
  st: SamplerState,
  a: Int32Array,
  aStart: number,
  b: Int32Array,
  bStart: number,
  stack: Int32Array,
): boolean {
  const g = st.graph;
  let top = startRegionWalk(g, stack);
  while (top > 0) {
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = a[aStart + r]!;
    if (b[bStart + r] !== c) return false;
    top = pushFactorRegions(g, stack, top, r, c);
  }
  return true;
}
