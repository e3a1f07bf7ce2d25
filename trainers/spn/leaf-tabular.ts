import type { BinaryData } from "./dataset.ts";
import type { RegionGraph } from "./region-graph.ts";
import { logGamma } from "./special.ts";
import { createMvnBlocks, type MvnBlocks } from "./leaf-mvn.ts";
import { mvnLogDensity } from "./leaf-mvn-predictive.ts";
import { missingCode } from "./table-encode.ts";

export const VAR_BINARY = 0;
export const VAR_CATEGORICAL = 1;
export const VAR_CONTINUOUS = 2;

const HALF_LOG_PI = 0.5723649429247001; // = 0.5 * log(pi)

/**
 * Leaf statistics and cached collapsed predictives of a mixed table (notes Sec. 2, one conjugate
 * pair per column kind). Discrete leaves (Beta–Bernoulli, Dirichlet–categorical) keep per-state
 * counts and a predictive table with a last slot, the missing code, that always holds 1, so a
 * missing cell is marginalised and never counted. Continuous leaves (Normal–Gamma) keep the
 * moments of their observed, standardised values and the Student-t predictive's constants.
 */
export interface TabularLeaves {
  kind: Uint8Array;
  states: Int32Array;
  /** Slots per leaf in counts / px: missing code + 1. */
  stride: number;
  missing: number;
  counts: Int32Array;
  px: Float64Array;
  /** Per leaf: observed n, sum, sum of squares. */
  moments: Float64Array;
  /** Per leaf: loc, 1 / (nu s^2), log normaliser, -(nu + 1) / 2 of the Student-t predictive. */
  t: Float64Array;
  /**
   * log Gamma((nu + 1) / 2) - log Gamma(nu / 2) by (variable, leaf count n): nu = 2 a0 + n depends
   * on nothing else, so each value is computed once per prior (NaN = not yet; cleared on refits).
   * Two log-Gamma calls per leaf update were most of a top-down step on continuous columns.
   */
  logGammaRatio: Float64Array;
  rows: number;
  /**
   * Multivariate Gaussian (NIW) blocks of the leaf regions (leaf-mvn.ts), when the structure asks
   * for them; a block variable's univariate moments are still kept (the per-column empirical-Bayes
   * fits read them) but its univariate predictive is not used.
   */
  mvn: MvnBlocks | null;
}

/** Per-variable priors of a mixed table: Dirichlet pseudo-counts and Normal–Gamma (mu0, kappa0, a0, b0). */
export interface TabularPrior {
  dirichlet: Float64Array; // stride * vars
  normalGamma: Float64Array; // 4 * vars
}

export function createTabularLeaves(g: RegionGraph, data: BinaryData, mvn = false): TabularLeaves | null {
  const columns = data.columns;
  if (!columns) return null;
  const missing = missingCode(columns);
  const stride = missing + 1;
  const kind = Uint8Array.from(columns, (c) =>
    c.kind === "continuous" ? VAR_CONTINUOUS : c.kind === "binary" ? VAR_BINARY : VAR_CATEGORICAL,
  );
  const px = new Float64Array(stride * g.leaves);
  for (let l = 0; l < g.leaves; l++) px[l * stride + missing] = 1;
  return {
    kind,
    states: Int32Array.from(columns, (c) => c.states.length),
    stride,
    missing,
    counts: new Int32Array(stride * g.leaves),
    px,
    moments: new Float64Array(3 * g.leaves),
    t: new Float64Array(4 * g.leaves),
    logGammaRatio: new Float64Array(columns.length * (data.rows + 1)).fill(Number.NaN),
    rows: data.rows,
    mvn: mvn ? createMvnBlocks(g, data) : null,
  };
}

/** Normal–Gamma posterior (mu_n, kappa_n, a_n, b_n) of a leaf (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian", eqs. 85-89). */
export function normalGammaPosterior(
  prior: ArrayLike<number>,
  at: number,
  n: number,
  sum: number,
  sumSq: number,
): [number, number, number, number] {
  const mu0 = prior[at]!;
  const kappa0 = prior[at + 1]!;
  const mean = n > 0 ? sum / n : 0;
  const m2 = n > 0 ? Math.max(0, sumSq - sum * mean) : 0;
  const kappaN = kappa0 + n;
  return [
    (kappa0 * mu0 + sum) / kappaN,
    kappaN,
    prior[at + 2]! + n / 2,
    prior[at + 3]! + m2 / 2 + (kappa0 * n * (mean - mu0) ** 2) / (2 * kappaN),
  ];
}

/** Recomputes leaf l's cached predictive (variable d) from its counts or moments. */
export function setTabularLeaf(tab: TabularLeaves, prior: TabularPrior, l: number, d: number): void {
  if (tab.kind[d] === VAR_CONTINUOUS) {
    const n = tab.moments[3 * l]!;
    const [mu, kappa, a, b] = normalGammaPosterior(
      prior.normalGamma,
      4 * d,
      n,
      tab.moments[3 * l + 1]!,
      tab.moments[3 * l + 2]!,
    );
    const nu = 2 * a;
    const s2 = (b * (kappa + 1)) / (a * kappa);
    const at = d * (tab.rows + 1) + n;
    let ratio = tab.logGammaRatio[at]!;
    if (Number.isNaN(ratio)) ratio = tab.logGammaRatio[at] = logGamma((nu + 1) / 2) - logGamma(nu / 2);
    tab.t[4 * l] = mu;
    tab.t[4 * l + 1] = 1 / (nu * s2);
    tab.t[4 * l + 2] = ratio - 0.5 * Math.log(nu * s2) - HALF_LOG_PI;
    tab.t[4 * l + 3] = -(nu + 1) / 2;
    return;
  }
  const S = tab.stride;
  const K = tab.states[d]!;
  let total = 0;
  let observed = 0;
  for (let k = 0; k < K; k++) {
    total += prior.dirichlet[S * d + k]!;
    observed += tab.counts[S * l + k]!;
  }
  const denominator = total + observed;
  for (let k = 0; k < K; k++) tab.px[S * l + k] = (prior.dirichlet[S * d + k]! + tab.counts[S * l + k]!) / denominator;
}

/** Adds (sign 1) or removes (-1) one cell of datum `row` (offset n * cols) to leaf l of variable d. */
export function updateTabularLeaf(
  tab: TabularLeaves,
  prior: TabularPrior,
  data: BinaryData,
  row: number,
  l: number,
  d: number,
  sign: 1 | -1,
): void {
  const code = data.x[row + d]!;
  if (tab.kind[d] === VAR_CONTINUOUS) {
    if (code === tab.missing) return;
    const v = data.values![row + d]!;
    const n = (tab.moments[3 * l] = tab.moments[3 * l]! + sign);
    // Reset at zero so that add/remove rounding never accumulates across a chain.
    tab.moments[3 * l + 1] = n === 0 ? 0 : tab.moments[3 * l + 1]! + sign * v;
    tab.moments[3 * l + 2] = n === 0 ? 0 : tab.moments[3 * l + 2]! + sign * v * v;
  } else {
    tab.counts[tab.stride * l + code]! += sign;
    if (code === tab.missing) return;
  }
  setTabularLeaf(tab, prior, l, d);
}

/**
 * Log collapsed predictive of cell d of a row under leaf l, 0 when the cell is missing. In log
 * space: a Student-t far in its tail would underflow a linear product.
 */
export function tabularLeafLogDensity(
  tab: TabularLeaves,
  x: Uint8Array,
  values: Float64Array | undefined,
  row: number,
  l: number,
  d: number,
): number {
  const code = x[row + d]!;
  if (code === tab.missing) return 0;
  if (tab.kind[d] !== VAR_CONTINUOUS) return Math.log(tab.px[tab.stride * l + code]!);
  const z = values![row + d]! - tab.t[4 * l]!;
  return tab.t[4 * l + 2]! + tab.t[4 * l + 3]! * Math.log1p(z * z * tab.t[4 * l + 1]!);
}

/** log prod over the scope of leaf component k of leaf region r. */
export function tabularComponentLog(
  g: RegionGraph,
  tab: TabularLeaves,
  r: number,
  k: number,
  x: Uint8Array,
  values: Float64Array | undefined,
  row: number,
): number {
  const len = g.scopeLength[r]!;
  const vs = g.scopeStart[r]!;
  const base = g.leafStart[r]! + k * len;
  const mvn = tab.mvn;
  let total = 0;
  if (mvn !== null && mvn.p[r]! > 0) {
    for (let i = 0; i < len; i++)
      if (mvn.inBlock[vs + i] === 0)
        total += tabularLeafLogDensity(tab, x, values, row, base + i, g.scopeVars[vs + i]!);
    return total + mvnLogDensity(mvn, g.compStart[r]! + k, r, values!, row);
  }
  for (let i = 0; i < len; i++) total += tabularLeafLogDensity(tab, x, values, row, base + i, g.scopeVars[vs + i]!);
  return total;
}

/** Values of leaf region r's components, divided by the largest; returns its log (the region's scale). */
export function tabularRegionValues(
  g: RegionGraph,
  tab: TabularLeaves,
  r: number,
  x: Uint8Array,
  values: Float64Array | undefined,
  row: number,
  lin: Float64Array,
  at: number,
): number {
  const K = g.size[r]!;
  let logMax = -Infinity;
  for (let k = 0; k < K; k++) {
    lin[at + k] = tabularComponentLog(g, tab, r, k, x, values, row);
    if (lin[at + k]! > logMax) logMax = lin[at + k]!;
  }
  for (let k = 0; k < K; k++) lin[at + k] = Math.exp(lin[at + k]! - logMax);
  return logMax;
}
