import type { Rng } from "../../shared/numeric/rng.ts";
import { leafRegionValues } from "./leaf-predictive.ts";
import { clearTree, updateTree, type SamplerState } from "./state.ts";

/**
 * Scratch for the exact bottom-up collapsed Gibbs step (Trapp et al., NeurIPS 2019, Sec. 4):
 * node values are kept as linear values scaled to max 1 per region plus a log scale per region,
 * so only one Math.exp per partition and one Math.log per region are needed.
 */
export interface GibbsScratch {
  lin: Float64Array;
  scale: Float64Array;
  prod: Float64Array;
  prodTotal: Float64Array;
  /** true: visit every edge (the textbook O(graph) baseline); false: only edges with n_{s,c} > 0. */
  dense: boolean;
}

export function createGibbsScratch(st: SamplerState, dense = false): GibbsScratch {
  const g = st.graph;
  return {
    lin: new Float64Array(g.nodes), scale: new Float64Array(g.regions),
    prod: new Float64Array(g.products), prodTotal: new Float64Array(g.regions), dense,
  };
}

/**
 * Upward pass with the leave-one-out posterior-mean weights (n_{s,c} + alpha) / (n_s + C alpha).
 * Because sum_c (n_c + alpha) v_c = sum_{c: n_c > 0} n_c v_c + alpha sum_c v_c, a sum costs
 * O(nonzero children) plus one shared O(C) product total per region, and an empty sum costs O(1).
 * Returns log p(x_n | X_{-n}, Z_{-n}), the collapsed predictive of datum n.
 */
export function upwardPass(st: SamplerState, n: number, sc: GibbsScratch): number {
  const g = st.graph;
  const { lin, scale, prod } = sc;
  const alpha = st.hyper.alpha;
  const count = st.sumCount;
  for (let r = 0; r < g.regions; r++) {
    const ns = g.nodeStart[r]!;
    const K = g.size[r]!;
    let mx = -Infinity;
    if (g.isLeaf[r] === 1) {
      scale[r] = leafRegionValues(st, r, n, lin, ns);
      continue;
    }
    const pEnd = g.partStart[r]! + g.partCount[r]!;
    let maxScale = -Infinity;
    for (let p = g.partStart[r]!; p < pEnd; p++) {
      maxScale = Math.max(maxScale, scale[g.partLeft[p]!]! + scale[g.partRight[p]!]!);
    }
    const ps = g.prodStart[r]!;
    let total = 0;
    for (let p = g.partStart[r]!; p < pEnd; p++) {
      const left = g.partLeft[p]!;
      const right = g.partRight[p]!;
      const f = Math.exp(scale[left]! + scale[right]! - maxScale);
      const K1 = g.size[left]!;
      const K2 = g.size[right]!;
      const l0 = g.nodeStart[left]!;
      const r0 = g.nodeStart[right]!;
      let at = ps + g.partChildStart[p]!;
      for (let k1 = 0; k1 < K1; k1++) {
        const a = f * lin[l0 + k1]!;
        for (let k2 = 0; k2 < K2; k2++) {
          const v = a * lin[r0 + k2]!;
          prod[at++] = v;
          total += v;
        }
      }
    }
    sc.prodTotal[r] = total;
    const C = g.childCount[r]!;
    for (let k = 0; k < K; k++) {
      const s = g.sumStart[r]! + k;
      const nTotal = st.sumTotal[s]!;
      const e0 = g.edgeStart[r]! + k * C;
      let v: number;
      if (nTotal === 0) {
        v = total / C;
      } else if (sc.dense) {
        let acc = 0;
        for (let c = 0; c < C; c++) acc += (count[e0 + c]! + alpha) * prod[ps + c]!;
        v = acc / (nTotal + C * alpha);
      } else {
        let acc = alpha * total;
        const len = st.nzLength[s]!;
        for (let i = 0; i < len; i++) {
          const c = st.nzList[e0 + i]!;
          acc += count[e0 + c]! * prod[ps + c]!;
        }
        v = acc / (nTotal + C * alpha);
      }
      lin[ns + k] = v;
      if (v > mx) mx = v;
    }
    for (let k = 0; k < K; k++) lin[ns + k] = lin[ns + k]! / mx;
    scale[r] = maxScale + Math.log(mx);
  }
  return scale[g.root]!;
}

/** Draws child c of sum k in region r with probability proportional to (n_{s,c} + alpha) v_c. */
function drawChild(rng: Rng, st: SamplerState, sc: GibbsScratch, r: number, k: number): number {
  const g = st.graph;
  const C = g.childCount[r]!;
  const s = g.sumStart[r]! + k;
  const e0 = g.edgeStart[r]! + k * C;
  const ps = g.prodStart[r]!;
  const len = st.nzLength[s]!;
  let countMass = 0;
  for (let i = 0; i < len; i++) {
    const c = st.nzList[e0 + i]!;
    countMass += st.sumCount[e0 + c]! * sc.prod[ps + c]!;
  }
  const alphaMass = st.hyper.alpha * sc.prodTotal[r]!;
  let u = rng.nextFloat() * (countMass + alphaMass);
  if (u < countMass) {
    let last = st.nzList[e0]!;
    for (let i = 0; i < len; i++) {
      const c = st.nzList[e0 + i]!;
      const m = st.sumCount[e0 + c]! * sc.prod[ps + c]!;
      if (m > 0) last = c;
      u -= m;
      if (u < 0) return c;
    }
    return last; // rounding left u >= 0: the last child with mass
  }
  u = (u - countMass) / st.hyper.alpha;
  let last = C - 1;
  for (let c = 0; c < C; c++) {
    const m = sc.prod[ps + c]!;
    if (m > 0) last = c;
    u -= m;
    if (u < 0) return c;
  }
  return last;
}

/**
 * One exact collapsed Gibbs update of datum n's tree: remove it, evaluate every node bottom-up,
 * draw the tree top-down from p(z_n | Z_{-n}, X), add it back. Returns log p(x_n | rest).
 */
export function gibbsStep(rng: Rng, st: SamplerState, n: number, sc: GibbsScratch): number {
  const g = st.graph;
  updateTree(st, n, -1);
  clearTree(st, n);
  const logP = upwardPass(st, n, sc);
  const row = n * g.regions;
  const stack = st.stack;
  let top = 0;
  stack[top++] = g.root;
  stack[top++] = 0;
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = drawChild(rng, st, sc, r, k);
    st.choice[row + r] = c;
    let p = g.partStart[r]! + g.partCount[r]! - 1;
    while (g.partChildStart[p]! > c) p--;
    const local = c - g.partChildStart[p]!;
    const K2 = g.size[g.partRight[p]!]!;
    stack[top++] = g.partLeft[p]!;
    stack[top++] = (local / K2) | 0;
    stack[top++] = g.partRight[p]!;
    stack[top++] = local % K2;
  }
  updateTree(st, n, 1);
  return logP;
}
