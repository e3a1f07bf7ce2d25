import type { SamplerState } from "./state.ts";

/**
 * Walks of one induced tree given by a choice row (arr[start + r] = child chosen at region r):
 * its collapsed prior predictive and equality with another row, both O(|tree|).
 */

/** log prod_{s in T} (n_{s,c} + alpha) / (n_s + C_s alpha) with the current counts. */
export function logTreePrior(st: SamplerState, arr: Int32Array, start: number, stack: Int32Array): number {
  const g = st.graph;
  const alpha = st.hyper.alpha;
  let top = 0;
  let total = 0;
  stack[top++] = g.root;
  stack[top++] = 0;
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = arr[start + r]!;
    const C = g.childCount[r]!;
    total += Math.log((st.sumCount[g.edgeStart[r]! + k * C + c]! + alpha) / (st.sumTotal[g.sumStart[r]! + k]! + C * alpha));
    const j = g.prodStart[r]! + c;
    const p = g.prodPart[j]!;
    stack[top++] = g.partLeft[p]!;
    stack[top++] = g.prodLeft[j]! - g.nodeStart[g.partLeft[p]!]!;
    stack[top++] = g.partRight[p]!;
    stack[top++] = g.prodRight[j]! - g.nodeStart[g.partRight[p]!]!;
  }
  return total;
}

/** Copies the tree of row (src, srcStart) into (dst, dstStart) region by region along the tree. */
export function copyTree(st: SamplerState, src: Int32Array, srcStart: number, dst: Int32Array, dstStart: number, stack: Int32Array): void {
  const g = st.graph;
  let top = 0;
  stack[top++] = g.root;
  while (top > 0) {
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = src[srcStart + r]!;
    dst[dstStart + r] = c;
    const p = g.prodPart[g.prodStart[r]! + c]!;
    stack[top++] = g.partLeft[p]!;
    stack[top++] = g.partRight[p]!;
  }
}

/** True when both rows induce the same tree (same choice at every region the tree visits). */
export function sameTree(st: SamplerState, a: Int32Array, aStart: number, b: Int32Array, bStart: number, stack: Int32Array): boolean {
  const g = st.graph;
  let top = 0;
  stack[top++] = g.root;
  while (top > 0) {
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = a[aStart + r]!;
    if (b[bStart + r] !== c) return false;
    const p = g.prodPart[g.prodStart[r]! + c]!;
    stack[top++] = g.partLeft[p]!;
    stack[top++] = g.partRight[p]!;
  }
  return true;
}
