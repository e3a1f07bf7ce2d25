import type { SamplerState } from "./state.ts";

const UNDERFLOW_GUARD = 1e-250; // fold the running product into the log well before 5e-324

/**
 * log prod_{d in scope} pi_{l,d}(x_{n,d}) for leaf component k of leaf region r, with the collapsed
 * Beta-Bernoulli predictive pi(1) = (a_d + m^1) / (a_d + b_d + m) (notes Sec. 2) read from the
 * cache that updateTree keeps current; counts must already exclude datum n.
 */
export function logLeafPredictive(st: SamplerState, r: number, k: number, n: number): number {
  const g = st.graph;
  const len = g.scopeLength[r]!;
  const vs = g.scopeStart[r]!;
  const base = g.leafStart[r]! + k * len;
  const row = n * st.data.cols;
  const x = st.data.x;
  const p1 = st.leafP1;
  let logAcc = 0;
  let prod = 1;
  for (let i = 0; i < len; i++) {
    const p = p1[base + i]!;
    prod *= x[row + g.scopeVars[vs + i]!] === 1 ? p : 1 - p;
    if (prod < UNDERFLOW_GUARD) {
      logAcc += Math.log(prod);
      prod = 1;
    }
  }
  return logAcc + Math.log(prod);
}

/**
 * Predictives of every component of leaf region r for datum n, written scaled to max 1 into
 * lin[at..]; returns the log scale. One Math.log per region unless a product nears underflow.
 */
export function leafRegionValues(st: SamplerState, r: number, n: number, lin: Float64Array, at: number): number {
  const g = st.graph;
  const K = g.size[r]!;
  const len = g.scopeLength[r]!;
  const vs = g.scopeStart[r]!;
  const row = n * st.data.cols;
  const x = st.data.x;
  const p1 = st.leafP1;
  let mx = 0;
  let base = g.leafStart[r]!;
  for (let k = 0; k < K; k++, base += len) {
    let prod = 1;
    for (let i = 0; i < len; i++) {
      const p = p1[base + i]!;
      prod *= x[row + g.scopeVars[vs + i]!] === 1 ? p : 1 - p;
    }
    lin[at + k] = prod;
    if (prod > mx) mx = prod;
  }
  if (mx > UNDERFLOW_GUARD) {
    for (let k = 0; k < K; k++) lin[at + k] = lin[at + k]! / mx;
    return Math.log(mx);
  }
  let logMax = -Infinity;
  for (let k = 0; k < K; k++) {
    lin[at + k] = logLeafPredictive(st, r, k, n);
    if (lin[at + k]! > logMax) logMax = lin[at + k]!;
  }
  for (let k = 0; k < K; k++) lin[at + k] = Math.exp(lin[at + k]! - logMax);
  return logMax;
}

/** Sum of logLeafPredictive over the leaf regions of datum n's tree given by a choice row. */
export function logTreeLeaves(st: SamplerState, n: number, choice: Int32Array, rowStart: number): number {
  const g = st.graph;
  const stack = st.stack;
  let top = 0;
  let total = 0;
  stack[top++] = g.root;
  stack[top++] = 0;
  while (top > 0) {
    const k = stack[--top]!;
    const r = stack[--top]!;
    if (g.isLeaf[r] === 1) {
      total += logLeafPredictive(st, r, k, n);
      continue;
    }
    const c = choice[rowStart + r]!;
    let p = g.partStart[r]! + g.partCount[r]! - 1;
    while (g.partChildStart[p]! > c) p--;
    const local = c - g.partChildStart[p]!;
    const K2 = g.size[g.partRight[p]!]!;
    stack[top++] = g.partLeft[p]!;
    stack[top++] = (local / K2) | 0;
    stack[top++] = g.partRight[p]!;
    stack[top++] = local % K2;
  }
  return total;
}
