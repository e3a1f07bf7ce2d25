import type { BinaryData } from "./dataset.ts";
import type { RegionGraph } from "./region-graph.ts";

/**
 * Multivariate Gaussian leaves (full covariance, Normal–Inverse-Wishart prior, collapsed) over a
 * block of continuous columns: in a leaf region, the continuous scope variables without a missing
 * training cell form one block, and each of the region's K components models them jointly
 * instead of as a product of Normal–Gamma leaves (wdbc's radius / perimeter / area, r ≈ 0.99).
 * The block's other columns keep their univariate leaves. Columns with missing training cells
 * stay univariate: with a partly observed row the NIW posterior is no longer conjugate, so the
 * collapsed samplers could not stay exact. A row scored later may still miss cells (marginal
 * Student-t over the observed dimensions, leaf-mvn-predictive.ts).
 *
 * Per component c (graph component id): n, raw sum and sum of outer products (the exact
 * statistics, standardised units), the posterior mean mu_n and the lower Cholesky factor of
 * Psi_n, kept by rank-one updates as rows move in and out, and the Student-t constants.
 */
export interface MvnBlocks {
  /** By region: block size p (0 = no block) and first index into `vars`. */
  p: Int32Array;
  varStart: Int32Array;
  vars: Int32Array;
  /** By scope position (g.scopeStart[r] + i): 1 when that variable is in its region's block. */
  inBlock: Uint8Array;
  /** By component: offsets of its p x p and p-length slots. */
  sqAt: Int32Array;
  linAt: Int32Array;
  n: Float64Array;
  sum: Float64Array;
  outer: Float64Array;
  mean: Float64Array;
  chol: Float64Array;
  /** By component: log normaliser, 1 / (c df) and -(df + p) / 2 of the predictive (leaf-mvn-predictive.ts). */
  logConst: Float64Array;
  invScale: Float64Array;
  expo: Float64Array;
  /** NIW prior by block variable (mu0, diagonal of Psi0) and by region (kappa0, nu0). */
  mu0: Float64Array;
  psi0: Float64Array;
  kappa0: Float64Array;
  nu0: Float64Array;
  /**
   * The two NIW hyperparameters shared by every block, fitted by type-II maximum likelihood on the
   * sampler's groups (hyper-niw.ts): nu0 - p - 1 (how firmly Sigma is held at its prior mean) and kappa0.
   */
  nuExtra: number;
  sharedKappa0: number;
  /** Scratch: 2 p_max^2 + 2 p_max doubles. */
  scratch: Float64Array;
  maxP: number;
}

/**
 * Most columns in one block: the served mvn node holds at most 30 variables (artifact schema; a
 * pattern of observed entries is a 32-bit mask). A leaf region with more blockable columns (a wide
 * table under a shallow graph) puts the first 30 of its scope in the block and keeps univariate
 * leaves for the rest, so every artifact the trainer writes is one the server loads.
 */
export const MAX_BLOCK_VARIABLES = 30;

/** Per column: continuous with no missing training cell, i.e. a column a block may hold. */
export function blockableColumns(data: BinaryData): boolean[] {
  const cols = data.columns;
  if (!cols || !data.values) return [];
  return cols.map((c, d) => {
    if (c.kind !== "continuous") return false;
    for (let n = 0; n < data.rows; n++) if (Number.isNaN(data.values![n * data.cols + d]!)) return false;
    return true;
  });
}

/** Blocks of every leaf region with >= 2 fully observed continuous scope variables; null if none. */
export function createMvnBlocks(g: RegionGraph, data: BinaryData): MvnBlocks | null {
  if (!data.columns || !data.values) return null;
  const complete = blockableColumns(data);
  const p = new Int32Array(g.regions);
  const varStart = new Int32Array(g.regions);
  const inBlock = new Uint8Array(g.scopeVars.length);
  const vars: number[] = [];
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 0) continue;
    const chosen: number[] = [];
    for (let i = 0; i < g.scopeLength[r]! && chosen.length < MAX_BLOCK_VARIABLES; i++)
      if (complete[g.scopeVars[g.scopeStart[r]! + i]!]) chosen.push(i);
    if (chosen.length < 2) continue;
    p[r] = chosen.length;
    varStart[r] = vars.length;
    for (const i of chosen) (inBlock[g.scopeStart[r]! + i] = 1), vars.push(g.scopeVars[g.scopeStart[r]! + i]!);
  }
  if (vars.length === 0) return null;
  const sqAt = new Int32Array(g.components);
  const linAt = new Int32Array(g.components);
  let sq = 0;
  let lin = 0;
  let maxP = 0;
  for (let r = 0; r < g.regions; r++) {
    const q = p[r]!;
    if (q === 0) continue;
    maxP = Math.max(maxP, q);
    for (let k = 0; k < g.size[r]!; k++) {
      const c = g.compStart[r]! + k;
      sqAt[c] = sq;
      linAt[c] = lin;
      sq += q * q;
      lin += q;
    }
  }
  return {
    p,
    varStart,
    vars: Int32Array.from(vars),
    inBlock,
    sqAt,
    linAt,
    n: new Float64Array(g.components),
    sum: new Float64Array(lin),
    outer: new Float64Array(sq),
    mean: new Float64Array(lin),
    chol: new Float64Array(sq),
    logConst: new Float64Array(g.components),
    invScale: new Float64Array(g.components),
    expo: new Float64Array(g.components),
    mu0: new Float64Array(vars.length),
    psi0: new Float64Array(vars.length),
    kappa0: new Float64Array(g.regions),
    nu0: new Float64Array(g.regions),
    nuExtra: 1,
    sharedKappa0: 1,
    scratch: new Float64Array(2 * maxP * maxP + 2 * maxP),
    maxP,
  };
}

/**
 * NIW prior of every block: mu0 from the per-column Normal–Gamma priors [mu0, kappa0, a0, b0]
 * (which empirical Bayes fits and refits), kappa0 and nu0 = p + 1 + nuExtra shared by all blocks,
 * and a prior mean of Sigma, Psi0 / (nu0 - p - 1) = diag(b0_d / a0_d), each column's
 * Normal–Gamma variance scale. Tying nu0 to the Normal–Gamma a0 instead failed: with few groups
 * the a0 fit runs to its bound (1000) and nu0 ~ p + 2000 held Sigma at the diagonal prior, so
 * nuExtra and kappa0 get their own type-II ML fit (hyper-niw.ts). Off-diagonals start at 0.
 */
export function setMvnPrior(b: MvnBlocks, normalGamma: ArrayLike<number>): void {
  for (let r = 0; r < b.p.length; r++) {
    const p = b.p[r]!;
    if (p === 0) continue;
    b.kappa0[r] = b.sharedKappa0;
    b.nu0[r] = p + 1 + b.nuExtra;
    for (let i = 0; i < p; i++) {
      const d = b.vars[b.varStart[r]! + i]!;
      b.mu0[b.varStart[r]! + i] = normalGamma[4 * d]!;
      b.psi0[b.varStart[r]! + i] = (b.nuExtra * normalGamma[4 * d + 3]!) / normalGamma[4 * d + 2]!;
    }
  }
}
