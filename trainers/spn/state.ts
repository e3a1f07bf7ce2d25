import { fenwickAdd } from "./fenwick.ts";
import { forEachLeaf, type RegionGraph } from "./region-graph.ts";
import type { BinaryData } from "./dataset.ts";
import { refreshMvnBlocks, updateMvnComponent } from "./leaf-mvn-predictive.ts";
import {
  createTabularLeaves,
  setTabularLeaf,
  updateTabularLeaf,
  type TabularLeaves,
  type TabularPrior,
} from "./leaf-tabular.ts";
import { pushFactorRegions, pushFactors, startRegionWalk, startWalk } from "./tree-walk.ts";

/**
 * Per-variable Beta(a_d, b_d) on Bernoulli leaves and the symmetric Dirichlet alpha on sums; a
 * mixed table adds Dirichlet and Normal–Gamma priors (its binary columns use dirichlet [b_d, a_d]).
 */
export interface Hyper {
  a: Float64Array;
  b: Float64Array;
  alpha: number;
  tabular?: TabularPrior;
}

/**
 * Sufficient statistics of the collapsed model (Trapp et al. 2019, Sec. 4; notes Sec. 2): only the
 * latent trees Z are sampled, weights and leaf parameters are integrated out.
 * choice[n * R + r] = child chosen at region r by datum n's tree, or -1 when r is not visited.
 * sumCount[e] = n_{s,c} by edge, sumTotal[s] = n_s, fenwick mirrors sumCount per sum, and the
 * nonzero lists (nzList, nzPos, nzLength) let the bottom-up sweep touch only used edges.
 * compCount[l] = m_l and compOnes[leaf] = m_l^1 for each (component, scope variable).
 */
export interface SamplerState {
  graph: RegionGraph;
  data: BinaryData;
  hyper: Hyper;
  choice: Int32Array;
  sumCount: Int32Array;
  sumTotal: Int32Array;
  fenwick: Int32Array;
  nzList: Int32Array;
  nzPos: Int32Array;
  nzLength: Int32Array;
  compCount: Int32Array;
  compOnes: Int32Array;
  /**
   * Cached leaf predictives [pi_l(0), pi_l(1)] per leaf, pi_l(1) = (a_d + m_l^1) / (a_d + b_d + m_l),
   * kept in step with the counts; indexed 2 * leaf + x so that evaluation has no data branch.
   */
  leafPx: Float64Array;
  /**
   * Bumped whenever a count inside region r changes (or all, when hyperparameters change), so an
   * upward pass can reuse a region's values while its counts and its rows' scope are unchanged.
   */
  version: Int32Array;
  /** Scratch stack of (region, node) pairs for tree walks. */
  stack: Int32Array;
  /** Mixed tables only (data.columns set): per-kind leaf statistics and predictives. */
  tab: TabularLeaves | null;
}

/** `mvn`: multivariate Gaussian leaves over each leaf region's continuous block (leaf-mvn.ts). */
export function createState(graph: RegionGraph, data: BinaryData, hyper: Hyper, mvn = false): SamplerState {
  const st: SamplerState = {
    graph,
    data,
    hyper,
    choice: new Int32Array(data.rows * graph.regions).fill(-1),
    sumCount: new Int32Array(graph.edges),
    sumTotal: new Int32Array(graph.sums),
    fenwick: new Int32Array(graph.edges),
    nzList: new Int32Array(graph.edges),
    nzPos: new Int32Array(graph.edges).fill(-1),
    nzLength: new Int32Array(graph.sums),
    compCount: new Int32Array(graph.components),
    compOnes: new Int32Array(graph.leaves),
    leafPx: new Float64Array(2 * graph.leaves),
    version: new Int32Array(graph.regions),
    stack: new Int32Array(2 * graph.regions + 2),
    tab: createTabularLeaves(graph, data, mvn),
  };
  if (st.tab && !hyper.tabular) throw new Error("a mixed table needs hyper.tabular priors");
  refreshLeafCache(st);
  return st;
}

function setLeaf(st: SamplerState, leaf: number, p1: number): void {
  st.leafPx[2 * leaf] = 1 - p1;
  st.leafPx[2 * leaf + 1] = p1;
}

/** Recomputes every cached leaf predictive and invalidates all cached values (hyperparameters changed). */
export function refreshLeafCache(st: SamplerState): void {
  const g = st.graph;
  for (let r = 0; r < g.regions; r++) st.version[r]!++;
  const { a, b } = st.hyper;
  const { tab } = st;
  if (tab) {
    tab.logGammaRatio.fill(Number.NaN); // the prior may have changed
    forEachLeaf(g, (l, d) => setTabularLeaf(tab, st.hyper.tabular!, l, d));
    if (tab.mvn) refreshMvnBlocks(tab.mvn, st.hyper.tabular!.normalGamma, g.compStart, g.size);
    return;
  }
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 0) continue;
    const len = g.scopeLength[r]!;
    for (let k = 0; k < g.size[r]!; k++) {
      const m = st.compCount[g.compStart[r]! + k]!;
      const base = g.leafStart[r]! + k * len;
      for (let i = 0; i < len; i++) {
        const d = g.scopeVars[g.scopeStart[r]! + i]!;
        setLeaf(st, base + i, (a[d]! + st.compOnes[base + i]!) / (a[d]! + b[d]! + m));
      }
    }
  }
}

/** Adds (sign = 1) or removes (sign = -1) datum n's current tree from every count. */
export function updateTree(st: SamplerState, n: number, sign: 1 | -1): void {
  const g = st.graph;
  const R = g.regions;
  const D = st.data.cols;
  const { a, b } = st.hyper;
  const stack = st.stack;
  let top = startWalk(g, stack);
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) {
      st.version[r]!++;
      st.compCount[g.compStart[r]! + k]! += sign;
      const len = g.scopeLength[r]!;
      const vs = g.scopeStart[r]!;
      const base = g.leafStart[r]! + k * len;
      const m = st.compCount[g.compStart[r]! + k]!;
      for (let i = 0; i < len; i++) {
        const d = g.scopeVars[vs + i]!;
        if (st.data.x[n * D + d] === 1) st.compOnes[base + i]! += sign;
        if (st.tab) updateTabularLeaf(st.tab, st.hyper.tabular!, st.data, n * D, base + i, d, sign);
        else setLeaf(st, base + i, (a[d]! + st.compOnes[base + i]!) / (a[d]! + b[d]! + m));
      }
      const mvn = st.tab?.mvn;
      if (mvn && mvn.p[r]! > 0) updateMvnComponent(mvn, g.compStart[r]! + k, r, st.data.values!, n * D, sign);
      continue;
    }
    const c = st.choice[n * R + r]!;
    const C = g.childCount[r]!;
    const s = g.sumStart[r]! + k;
    const blockStart = g.edgeStart[r]! + k * C;
    const e = blockStart + c;
    st.version[r]!++;
    st.sumTotal[s]! += sign;
    const before = st.sumCount[e]!;
    st.sumCount[e] = before + sign;
    fenwickAdd(st.fenwick, blockStart, C, c, sign);
    if (before === 0) {
      st.nzPos[e] = st.nzLength[s]!;
      st.nzList[blockStart + st.nzLength[s]!++] = c;
    } else if (before === 1 && sign === -1) {
      // Swap-remove keeps each sum's nonzero list dense in O(1).
      const last = st.nzList[blockStart + --st.nzLength[s]!]!;
      const at = st.nzPos[e]!;
      st.nzList[blockStart + at] = last;
      st.nzPos[blockStart + last] = at;
      st.nzPos[e] = -1;
    }
    top = pushFactors(g, stack, top, r, c);
  }
}

/** Sets every region of datum n's choice row to -1 along its current tree (before a new tree). */
export function clearTree(st: SamplerState, n: number): void {
  const g = st.graph;
  const R = g.regions;
  const stack = st.stack;
  let top = startRegionWalk(g, stack);
  while (top > 0) {
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = st.choice[n * R + r]!;
    st.choice[n * R + r] = -1;
    top = pushFactorRegions(g, stack, top, r, c);
  }
}
