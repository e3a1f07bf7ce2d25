import { tabularComponentLog, tabularRegionValues } from "./leaf-tabular.ts";
import type { SamplerState } from "./state.ts";
import { pushFactors, startWalk } from "./tree-walk.ts";

const UNDERFLOW_GUARD = 1e-250; // fold the running product into the log well before 5e-324
/** Values are rescaled only below this, so that a product of two stays far above 2.2e-308. */
export const RESCALE_BELOW = 1e-100;

/**
 * log prod_{d in scope} pi_{l,d}(x_{n,d}) for leaf component k of leaf region r, with the collapsed
 * Beta-Bernoulli predictive pi(1) = (a_d + m^1) / (a_d + b_d + m) (notes Sec. 2) read from the
 * cache that updateTree keeps current; counts must already exclude datum n.
 */
export function logLeafPredictive(st: SamplerState, r: number, k: number, n: number): number {
  if (st.tab) return tabularComponentLog(st.graph, st.tab, r, k, st.data.x, st.data.values, n * st.data.cols);
  return logLeafPredictiveRow(st, r, k, st.data.x, n * st.data.cols);
}

function logLeafPredictiveRow(st: SamplerState, r: number, k: number, x: Uint8Array, row: number): number {
  const g = st.graph;
  const len = g.scopeLength[r]!;
  const vs = g.scopeStart[r]!;
  const base = g.leafStart[r]! + k * len;
  const px = st.leafPx;
  let logAcc = 0;
  let prod = 1;
  for (let i = 0; i < len; i++) {
    prod *= px[2 * (base + i) + x[row + g.scopeVars[vs + i]!]!]!;
    if (prod < UNDERFLOW_GUARD) {
      logAcc += Math.log(prod);
      prod = 1;
    }
  }
  return logAcc + Math.log(prod);
}

/**
 * Predictives of every component of leaf region r for the row x[row..], written to lin[at..];
 * returns the region's log scale: 0 unless the largest value nears underflow, in which case the
 * values are divided by it (so a parent's product of two children stays a normal double).
 * A mixed table (continuous cells in `values`) takes the log-space path of leaf-tabular.ts.
 */
export function leafRegionValues(
  st: SamplerState,
  r: number,
  x: Uint8Array,
  row: number,
  lin: Float64Array,
  at: number,
  values?: Float64Array,
): number {
  const g = st.graph;
  if (st.tab) return tabularRegionValues(g, st.tab, r, x, values, row, lin, at);
  const K = g.size[r]!;
  const len = g.scopeLength[r]!;
  const vs = g.scopeStart[r]!;
  const px = st.leafPx;
  let mx = 0;
  let base = 2 * g.leafStart[r]!;
  for (let k = 0; k < K; k++, base += 2 * len) {
    let prod = 1;
    for (let i = 0; i < len; i++) prod *= px[base + 2 * i + x[row + g.scopeVars[vs + i]!]!]!;
    lin[at + k] = prod;
    if (prod > mx) mx = prod;
  }
  if (mx >= RESCALE_BELOW) return 0;
  if (mx > UNDERFLOW_GUARD) {
    for (let k = 0; k < K; k++) lin[at + k] = lin[at + k]! / mx;
    return Math.log(mx);
  }
  let logMax = -Infinity;
  for (let k = 0; k < K; k++) {
    lin[at + k] = logLeafPredictiveRow(st, r, k, x, row);
    if (lin[at + k]! > logMax) logMax = lin[at + k]!;
  }
  for (let k = 0; k < K; k++) lin[at + k] = Math.exp(lin[at + k]! - logMax);
  return logMax;
}

/** Sum of logLeafPredictive over the leaf regions of datum n's tree given by a choice row. */
export function logTreeLeaves(st: SamplerState, n: number, choice: Int32Array, rowStart: number): number {
  const g = st.graph;
  const stack = st.stack;
  let total = 0;
  let top = startWalk(g, stack);
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) {
      total += logLeafPredictive(st, r, k, n);
      continue;
    }
    const c = choice[rowStart + r]!;
    top = pushFactors(g, stack, top, r, c);
  }
  return total;
}
