import { logAddExp } from "../../shared/numeric/log-space.ts";
import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { fenwickFind } from "./fenwick.ts";
import { logLeafPredictive, logTreeLeaves } from "./leaf-predictive.ts";
import type { TopDownScratch } from "./sampler-top-down.ts";
import { clearTree, updateTree, type SamplerState } from "./state.ts";
import { copyTree, logTreePrior, sameTree } from "./tree-ops.ts";
import { pushFactors, startWalk } from "./tree-walk.ts";

/** Network proposal without leaves: draws T' ~ prod (n_{s,c} + alpha) / (n_s + C alpha) into sc.proposal. */
function drawPriorTree(rng: Rng, st: SamplerState, sc: TopDownScratch): void {
  const g = st.graph;
  const alpha = st.hyper.alpha;
  const stack = sc.stack;
  let top = startWalk(g, stack);
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) continue;
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
}

/** Leaf log-likelihood of the proposal, or -Infinity once it cannot exceed `threshold` (terms <= 0). */
function boundedLeaves(st: SamplerState, n: number, sc: TopDownScratch, threshold: number): number {
  const g = st.graph;
  const stack = sc.stack;
  let total = 0;
  let top = startWalk(g, stack);
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) {
      total += logLeafPredictive(st, r, k, n);
      if (total <= threshold) return -Infinity;
      continue;
    }
    top = pushFactors(g, stack, top, r, sc.proposal[r]!);
  }
  return total;
}

/**
 * Data-aware top-down Metropolis–Hastings, still O(|tree|) per proposal: an independence proposal
 *   q(T) = eps * prior(T) + (1 - eps) * #{m in N(n): T_m = T} / |N(n)|
 * mixing the network proposal of Yokoi & Sato (KDD 2024) with copying the tree of a neighbour row,
 * where N(n) are the rows within `window` of n in Gray order (similar x, fixed during the update).
 * Accept with min(1, prior(T') L(T') q(T) / (prior(T) L(T) q(T'))). Returns accepted proposals.
 */
export function neighbourStep(
  rng: Rng,
  st: SamplerState,
  n: number,
  sc: TopDownScratch,
  proposals: number,
  eps: number,
  window: number,
): number {
  const R = st.graph.regions;
  const row = n * R;
  const lo = Math.max(0, n - window);
  const count = Math.min(st.data.rows - 1, n + window) - lo; // neighbours, n itself excluded
  const mix = count > 0 ? eps : 1;
  const logQ = (arr: Int32Array, start: number, logPrior: number): number => {
    let same = 0;
    for (let m = lo; m <= lo + count; m++) if (m !== n && sameTree(st, st.choice, m * R, arr, start, sc.stack)) same++;
    const copy = same > 0 ? Math.log(((1 - mix) * same) / count) : -Infinity;
    return logAddExp(Math.log(mix) + logPrior, copy);
  };
  updateTree(st, n, -1);
  let priorCurrent = logTreePrior(st, st.choice, row, sc.stack);
  let leavesCurrent = logTreeLeaves(st, n, st.choice, row);
  let qCurrent = logQ(st.choice, row, priorCurrent);
  let accepted = 0;
  for (let t = 0; t < proposals; t++) {
    if (rng.nextFloat() < mix) {
      drawPriorTree(rng, st, sc);
    } else {
      let m = lo + uniformInt(rng, count);
      if (m >= n) m++;
      copyTree(st, st.choice, m * R, sc.proposal, 0, sc.stack);
    }
    const priorNew = logTreePrior(st, sc.proposal, 0, sc.stack);
    const qNew = logQ(sc.proposal, 0, priorNew);
    const threshold = Math.log(rng.nextFloat()) + priorCurrent + leavesCurrent + qNew - priorNew - qCurrent;
    const leavesNew = boundedLeaves(st, n, sc, threshold);
    if (leavesNew > threshold) {
      clearTree(st, n);
      copyTree(st, sc.proposal, 0, st.choice, row, sc.stack);
      priorCurrent = priorNew;
      leavesCurrent = leavesNew;
      qCurrent = qNew;
      accepted++;
    }
  }
  updateTree(st, n, 1);
  return accepted;
}
