import { tabularLeafParams } from "./member-tabular.ts";
import type { RegionGraph } from "./region-graph.ts";
import type { Hyper, SamplerState } from "./state.ts";

/**
 * One retained posterior sample turned into an SPN: posterior-mean weights
 * (n_{s,c} + alpha) / (n_s + C_s alpha) per edge and leaf means (a + m^1) / (a + b + m) per
 * (component, variable), laid out in the artifact's node order (notes Sec. 2, "Serving").
 */
export interface Member {
  weights: Float64Array;
  leafParams: Float64Array;
  /**
   * Mixed tables: the sufficient statistics of the sample (sum counts by edge, per-state leaf
   * counts, continuous leaf moments in standardised units), written as `posterior` by artifact.ts.
   */
  stats?: { sumCounts: Int32Array; leafCounts: Int32Array; moments: Float64Array; mvn?: MvnStats; priors: Hyper };
  /** DEBD (binary) tables: sufficient statistics and prior (docs/spn-artifact.md), for parameter draws. */
  posterior?: MemberPosterior;
}

/** Multivariate (NIW) blocks' exact statistics per component, in leaf-mvn.ts's layout (standardised units). */
export interface MvnStats {
  n: Float64Array;
  sum: Float64Array;
  outer: Float64Array;
}

/** members[s].posterior of spn.json: counts per sum edge and per leaf, and the priors they update. */
export interface MemberPosterior {
  sumAlpha: number;
  /** n_{s,c}, parallel to `weights`. */
  sumCounts: Int32Array;
  /** Per variable: bernoulli [a, b] (Beta). */
  leafPriors: number[][];
  /** Per leaf in node order: bernoulli [m0, m1] (float64 so that gaussian [n, mean, m2] fits too). */
  leafStats: Float64Array;
}

export function snapshotMember(st: SamplerState): Member {
  const g = st.graph;
  const { a, b, alpha } = st.hyper;
  const weights = new Float64Array(g.edges);
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 1) continue;
    const C = g.childCount[r]!;
    for (let k = 0; k < g.size[r]!; k++) {
      const e0 = g.edgeStart[r]! + k * C;
      const denominator = st.sumTotal[g.sumStart[r]! + k]! + C * alpha;
      for (let c = 0; c < C; c++) weights[e0 + c] = (st.sumCount[e0 + c]! + alpha) / denominator;
    }
  }
  if (st.tab) {
    const b = st.tab.mvn;
    const mvn = b ? { mvn: { n: b.n.slice(), sum: b.sum.slice(), outer: b.outer.slice() } } : {};
    const stats = {
      sumCounts: st.sumCount.slice(),
      leafCounts: st.tab.counts.slice(),
      moments: st.tab.moments.slice(),
      priors: copyHyper(st.hyper), // sampled per sweep (hyper-tabular-sample.ts): this member's own
      ...mvn,
    };
    return { weights, leafParams: tabularLeafParams(st), stats };
  }
  // Leaf means and the Beta–Bernoulli statistics [m - m^1, m^1] behind them, in one walk.
  const leafParams = new Float64Array(g.leaves);
  const leafStats = new Float64Array(2 * g.leaves);
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 0) continue;
    const len = g.scopeLength[r]!;
    for (let k = 0; k < g.size[r]!; k++) {
      const m = st.compCount[g.compStart[r]! + k]!;
      const base = g.leafStart[r]! + k * len;
      for (let i = 0; i < len; i++) {
        const d = g.scopeVars[g.scopeStart[r]! + i]!;
        const ones = st.compOnes[base + i]!;
        leafParams[base + i] = (a[d]! + ones) / (a[d]! + b[d]! + m);
        leafStats[2 * (base + i)] = m - ones;
        leafStats[2 * (base + i) + 1] = ones;
      }
    }
  }
  const leafPriors = Array.from(a, (ad, d) => [ad, b[d]!]);
  return { weights, leafParams, posterior: { sumAlpha: alpha, sumCounts: st.sumCount.slice(), leafPriors, leafStats } };
}

function copyHyper(h: Hyper): Hyper {
  const t = h.tabular;
  const tabular = t && { dirichlet: t.dirichlet.slice(), normalGamma: t.normalGamma.slice() };
  return { a: h.a.slice(), b: h.b.slice(), alpha: h.alpha, ...(tabular ? { tabular } : {}) };
}

/** Parameter average of the members: the "posterior-mean SPN" (same structure, one member). */
export function averageMembers(g: RegionGraph, members: readonly Member[]): Member {
  const weights = new Float64Array(g.edges);
  const leafParams = new Float64Array(g.leaves);
  for (const m of members) {
    for (let i = 0; i < weights.length; i++) weights[i]! += m.weights[i]! / members.length;
    for (let i = 0; i < leafParams.length; i++) leafParams[i]! += m.leafParams[i]! / members.length;
  }
  return { weights, leafParams };
}
