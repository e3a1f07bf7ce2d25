import type { Rng } from "../../shared/numeric/rng.ts";
import { fenwickFind } from "./fenwick.ts";
import { logLeafPredictive, logTreeLeaves } from "./leaf-predictive.ts";
import { clearTree, updateTree, type SamplerState } from "./state.ts";
import { pushFactorRegions, pushFactors, startRegionWalk, startWalk } from "./tree-walk.ts";

/** Scratch for the proposed tree (one choice per region) and its own walk stack. */
export interface TopDownScratch {
  proposal: Int32Array;
  stack: Int32Array;
}

export function createTopDownScratch(st: SamplerState): TopDownScratch {
  return { proposal: new Int32Array(st.graph.regions).fill(-1), stack: new Int32Array(2 * st.graph.regions + 2) };
}

/**
 * Draws a tree from the collapsed prior predictive p(T | Z_{-n}) top-down (the "network proposal"
 * of Yokoi & Sato, KDD 2024) and returns its summed leaf log predictive, or -Infinity as soon as
 * the running sum falls below `threshold`: every leaf term is <= 0, so the MH test is already lost.
 * A child of sum s is drawn with probability (n_{s,c} + alpha) / (n_s + C alpha): the count part by
 * Fenwick descent, the alpha part uniformly, from one uniform draw.
 */
function proposeTree(rng: Rng, st: SamplerState, n: number, sc: TopDownScratch, threshold: number): number {
  const g = st.graph;
  const alpha = st.hyper.alpha;
  const stack = sc.stack;
  let total = 0;
  let top = startWalk(g, stack);
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) {
      total += logLeafPredictive(st, r, k, n);
      if (total < threshold) return -Infinity;
      continue;
    }
    const C = g.childCount[r]!;
    const nTotal = st.sumTotal[g.sumStart[r]! + k]!;
    const u = rng.nextFloat() * (nTotal + C * alpha);
    const c =
      u < nTotal
        ? fenwickFind(st.fenwick, g.edgeStart[r]! + k * C, C, g.fenwickMask[r]!, Math.floor(u))
        : Math.min(C - 1, Math.floor((u - nTotal) / alpha));
    sc.proposal[r] = c;
    top = pushFactors(g, stack, top, r, c);
  }
  return total;
}

/** Copies the visited entries of the proposal into datum n's choice row. */
function adoptProposal(st: SamplerState, n: number, sc: TopDownScratch): void {
  const g = st.graph;
  const row = n * g.regions;
  const stack = sc.stack;
  let top = startRegionWalk(g, stack);
  while (top > 0) {
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
    const c = sc.proposal[r]!;
    st.choice[row + r] = c;
    top = pushFactorRegions(g, stack, top, r, c);
  }
}

/**
 * One collapsed Metropolis–Hastings update of datum n's tree (Yokoi & Sato, KDD 2024): remove
 * its counts, then `proposals` times draw T' from the prior predictive and accept with
 * min(1, prod_{l in T'} pi_l / prod_{l in T} pi_l) — the prior terms cancel against the proposal
 * — and add the counts of the tree kept. Returns the number of accepted proposals.
 */
export function topDownStep(rng: Rng, st: SamplerState, n: number, sc: TopDownScratch, proposals: number): number {
  updateTree(st, n, -1);
  let logCurrent = logTreeLeaves(st, n, st.choice, n * st.graph.regions);
  let accepted = 0;
  for (let t = 0; t < proposals; t++) {
    const threshold = logCurrent + Math.log(rng.nextFloat());
    const logProposal = proposeTree(rng, st, n, sc, threshold);
    if (logProposal >= threshold && logProposal > -Infinity) {
      clearTree(st, n);
      adoptProposal(st, n, sc);
      logCurrent = logProposal;
      accepted++;
    }
  }
  updateTree(st, n, 1);
  return accepted;
}
