import type { Rng } from "../../shared/numeric/rng.ts";
import { clearTree, updateTree, type SamplerState } from "./state.ts";
import { pushFactors, startWalk } from "./tree-walk.ts";
import { upwardPass, type GibbsScratch } from "./upward-pass.ts";

export { createGibbsScratch, type GibbsScratch } from "./upward-pass.ts";

/** Categorical draw over lin[from, from + K) (unnormalised); the last positive slot on rounding. */
function drawSlot(rng: Rng, lin: Float64Array, from: number, K: number): number {
  let total = 0;
  for (let k = 0; k < K; k++) total += lin[from + k]!;
  let u = rng.nextFloat() * total;
  let last = 0;
  for (let k = 0; k < K; k++) {
    if (lin[from + k]! > 0) last = k;
    u -= lin[from + k]!;
    if (u < 0) return k;
  }
  return last;
}

/**
 * Draws child c of sum k in region r with probability proportional to (n_{s,c} + alpha) v_c, as
 * a mixture: the count part over the nonzero children, or with probability
 * alpha sum_c v_c / total the alpha part, which factorises as partition p ∝ f_p S_left S_right,
 * then each factor's node ∝ its value — O(J + K) instead of O(C).
 */
function drawChild(rng: Rng, st: SamplerState, sc: GibbsScratch, r: number, k: number): number {
  const g = st.graph;
  const { lin, partFactor } = sc;
  const C = g.childCount[r]!;
  const s = g.sumStart[r]! + k;
  const e0 = g.edgeStart[r]! + k * C;
  const ps = g.prodStart[r]!;
  const len = st.nzLength[s]!;
  const mass = (c: number): number => {
    const j = ps + c;
    return st.sumCount[e0 + c]! * partFactor[g.prodPart[j]!]! * lin[g.prodLeft[j]!]! * lin[g.prodRight[j]!]!;
  };
  let countMass = 0;
  for (let i = 0; i < len; i++) countMass += mass(st.nzList[e0 + i]!);
  let u = rng.nextFloat() * (countMass + st.hyper.alpha * sc.prodTotal[r]!);
  if (u < countMass) {
    let last = st.nzList[e0]!;
    for (let i = 0; i < len; i++) {
      const c = st.nzList[e0 + i]!;
      const m = mass(c);
      if (m > 0) last = c;
      u -= m;
      if (u < 0) return c;
    }
    return last; // rounding left u >= 0: the last child with mass
  }
  u = (u - countMass) / st.hyper.alpha;
  const pStart = g.partStart[r]!;
  let p = pStart + g.partCount[r]! - 1;
  for (let q = pStart; q < pStart + g.partCount[r]!; q++) {
    const left = g.partLeft[q]!;
    const right = g.partRight[q]!;
    let s1 = 0;
    for (let i = 0; i < g.size[left]!; i++) s1 += lin[g.nodeStart[left]! + i]!;
    let s2 = 0;
    for (let i = 0; i < g.size[right]!; i++) s2 += lin[g.nodeStart[right]! + i]!;
    u -= partFactor[q]! * s1 * s2;
    if (u < 0) {
      p = q;
      break;
    }
  }
  const left = g.partLeft[p]!;
  const right = g.partRight[p]!;
  const k1 = drawSlot(rng, lin, g.nodeStart[left]!, g.size[left]!);
  const k2 = drawSlot(rng, lin, g.nodeStart[right]!, g.size[right]!);
  return g.partChildStart[p]! + k1 * g.size[right]! + k2;
}

/**
 * One exact collapsed Gibbs update of datum n's tree (Trapp et al., NeurIPS 2019): remove it,
 * evaluate every node bottom-up with the leave-one-out weights, draw the tree top-down from
 * p(z_n | Z_{-n}, X), add it back. Returns log p(x_n | X_{-n}, Z_{-n}).
 */
export function gibbsStep(rng: Rng, st: SamplerState, n: number, sc: GibbsScratch): number {
  const g = st.graph;
  updateTree(st, n, -1);
  clearTree(st, n);
  const logP = upwardPass(st, st.data.x, n * st.data.cols, sc);
  const row = n * g.regions;
  const stack = st.stack;
  let top = startWalk(g, stack);
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = drawChild(rng, st, sc, r, k);
    st.choice[row + r] = c;
    top = pushFactors(g, stack, top, r, c);
  }
  updateTree(st, n, 1);
  return logP;
}
