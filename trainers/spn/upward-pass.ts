import { leafRegionValues, RESCALE_BELOW } from "./leaf-predictive.ts";
import type { SamplerState } from "./state.ts";

/**
 * Scratch for the exact bottom-up collapsed Gibbs step (Trapp et al., NeurIPS 2019, Sec. 4).
 * Node values are linear, with a log scale per region that only moves when values near underflow,
 * so a datum costs almost no Math.log / Math.exp.
 */
export interface GibbsScratch {
  lin: Float64Array;
  scale: Float64Array;
  /** exp(scale of the partition's children - region's max) per partition. */
  partFactor: Float64Array;
  /** sum_c v_c of each region: the alpha part of every sum in it. */
  prodTotal: Float64Array;
  /** Dense baseline only: materialised child products of one region. */
  prod: Float64Array;
  /** true: visit every edge (the textbook O(graph) baseline); false: only edges with n_{s,c} > 0. */
  dense: boolean;
  /** Reuse: state version each region was computed at, the row it saw, and "recomputed now". */
  seen: Int32Array;
  seenRow: Int32Array;
  fresh: Uint8Array;
  /** The row array the cached values belong to (a scratch serves one data set at a time). */
  seenX: Uint8Array | null;
}

export function createGibbsScratch(st: SamplerState, dense = false): GibbsScratch {
  const g = st.graph;
  let maxC = 0;
  for (let r = 0; r < g.regions; r++) maxC = Math.max(maxC, g.childCount[r]!);
  return {
    lin: new Float64Array(g.nodes),
    scale: new Float64Array(g.regions),
    partFactor: new Float64Array(g.partLeft.length),
    prodTotal: new Float64Array(g.regions),
    prod: new Float64Array(dense ? maxC : 0),
    dense,
    seen: new Int32Array(g.regions).fill(-1),
    seenRow: new Int32Array(g.regions).fill(-1),
    fresh: new Uint8Array(g.regions),
    seenX: null,
  };
}

/**
 * Upward pass with posterior-mean weights (n_{s,c} + alpha) / (n_s + C alpha) from the current
 * counts (leave-one-out when the caller removed datum n). Since
 *   sum_c (n_c + alpha) v_c = sum_{c: n_c > 0} n_c v_c + alpha * sum_p f_p (sum v_left)(sum v_right),
 * a sum costs O(its nonzero children), a region O(J K) more, and an empty sum O(1).
 * A region is recomputed only if its counts changed (state version), its leaf rows differ from the
 * row it last saw, or a child region was recomputed; with rows visited in sorted order most of
 * the graph is reused from the previous datum. The dense baseline recomputes everything.
 * Returns log p(x_row) under those weights. Arrays are hoisted into locals: this is the hot loop.
 */
export function upwardPass(
  st: SamplerState,
  x: Uint8Array,
  row: number,
  sc: GibbsScratch,
  values = st.data.values,
): number {
  const g = st.graph;
  const { lin, scale, partFactor, prodTotal, dense } = sc;
  const {
    isLeaf,
    nodeStart,
    partStart,
    partCount,
    partLeft,
    partRight,
    size,
    childCount,
    prodStart,
    sumStart,
    edgeStart,
  } = g;
  const { prodPart, prodLeft, prodRight } = g;
  const { sumCount: count, sumTotal, nzList, nzLength } = st;
  const alpha = st.hyper.alpha;
  const { seen, seenRow, fresh } = sc;
  const version = st.version;
  const reuse = !dense && sc.seenX === x;
  sc.seenX = x;
  for (let r = 0, R = g.regions; r < R; r++) {
    const ns = nodeStart[r]!;
    if (isLeaf[r] === 1) {
      if (reuse && seen[r] === version[r] && sameScope(g, x, row, seenRow[r]!, r, values)) {
        fresh[r] = 0;
        continue;
      }
      scale[r] = leafRegionValues(st, r, x, row, lin, ns, values);
      seen[r] = version[r]!;
      seenRow[r] = row;
      fresh[r] = 1;
      continue;
    }
    const pStart = partStart[r]!;
    const pEnd = pStart + partCount[r]!;
    if (reuse && seen[r] === version[r]) {
      let stale = false;
      for (let p = pStart; p < pEnd && !stale; p++) stale = fresh[partLeft[p]!] === 1 || fresh[partRight[p]!] === 1;
      if (!stale) {
        fresh[r] = 0;
        continue;
      }
    }
    seen[r] = version[r]!;
    fresh[r] = 1;
    let maxScale = -Infinity;
    for (let p = pStart; p < pEnd; p++) {
      const sp = scale[partLeft[p]!]! + scale[partRight[p]!]!;
      if (sp > maxScale) maxScale = sp;
    }
    let total = 0;
    for (let p = pStart; p < pEnd; p++) {
      const left = partLeft[p]!;
      const right = partRight[p]!;
      const d = scale[left]! + scale[right]! - maxScale;
      const f = d === 0 ? 1 : Math.exp(d);
      partFactor[p] = f;
      let s1 = 0;
      for (let i = nodeStart[left]!, end = i + size[left]!; i < end; i++) s1 += lin[i]!;
      let s2 = 0;
      for (let i = nodeStart[right]!, end = i + size[right]!; i < end; i++) s2 += lin[i]!;
      total += f * s1 * s2;
    }
    prodTotal[r] = total;
    const C = childCount[r]!;
    const ps = prodStart[r]!;
    const K = size[r]!;
    const alphaC = C * alpha;
    if (dense) materialise(st, sc, r);
    let mx = 0;
    for (let k = 0, s = sumStart[r]!, e0 = edgeStart[r]!; k < K; k++, s++, e0 += C) {
      const nTotal = sumTotal[s]!;
      let acc: number;
      if (nTotal === 0) {
        acc = total / C;
      } else if (dense) {
        acc = 0;
        for (let c = 0; c < C; c++) acc += (count[e0 + c]! + alpha) * sc.prod[c]!;
        acc /= nTotal + alphaC;
      } else {
        acc = alpha * total;
        for (let i = e0, end = e0 + nzLength[s]!; i < end; i++) {
          const c = nzList[i]!;
          const j = ps + c;
          acc += count[e0 + c]! * partFactor[prodPart[j]!]! * lin[prodLeft[j]!]! * lin[prodRight[j]!]!;
        }
        acc /= nTotal + alphaC;
      }
      lin[ns + k] = acc;
      if (acc > mx) mx = acc;
    }
    if (mx < RESCALE_BELOW) {
      for (let k = 0; k < K; k++) lin[ns + k] = lin[ns + k]! / mx;
      scale[r] = maxScale + Math.log(mx);
    } else {
      scale[r] = maxScale;
    }
  }
  return scale[g.root]! + Math.log(lin[nodeStart[g.root]!]!);
}

/** True when rows `row` and `other` agree on leaf region r's scope (codes, and continuous values). */
function sameScope(
  g: SamplerState["graph"],
  x: Uint8Array,
  row: number,
  other: number,
  r: number,
  values: Float64Array | undefined,
): boolean {
  if (other < 0) return false;
  const vs = g.scopeStart[r]!;
  for (let i = vs, end = vs + g.scopeLength[r]!; i < end; i++) {
    const d = g.scopeVars[i]!;
    if (x[row + d] !== x[other + d]) return false;
    // NaN (missing) never equals itself: such a region is simply recomputed.
    if (values !== undefined && values[row + d] !== values[other + d]) return false;
  }
  return true;
}

/** Dense baseline: every child product of region r, as the textbook pass computes them. */
function materialise(st: SamplerState, sc: GibbsScratch, r: number): void {
  const g = st.graph;
  const ps = g.prodStart[r]!;
  for (let c = 0, C = g.childCount[r]!; c < C; c++) {
    const j = ps + c;
    sc.prod[c] = sc.partFactor[g.prodPart[j]!]! * sc.lin[g.prodLeft[j]!]! * sc.lin[g.prodRight[j]!]!;
  }
}
