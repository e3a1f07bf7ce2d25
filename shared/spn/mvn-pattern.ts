import type { CompiledMember, CompiledSpn } from "./compiled-spn.ts";

/**
 * Operations of a multivariate Gaussian ("mvn") leaf N(mean, L L^T) over p gaussian variables,
 * read from a member's parameters (mvn-compile.ts layout: mean, L packed row by row). A query sees
 * the leaf through `x` (length p, gathered by mvnGather; NaN = absent). Absent dimensions are
 * marginalised by dropping their rows and columns (the marginal of a Gaussian is the Gaussian of
 * the sub-vector). With the dimensions reordered observed-first, one Cholesky factor
 * [[A, 0], [B, C]] of the permuted covariance gives everything a pattern needs: A A^T = Sigma_OO
 * (the density of x_O), B A^-1 (the conditional mean's gain, applied as B y with A y = x_O - mean_O)
 * and C C^T = Sigma_UU - Sigma_UO Sigma_OO^-1 Sigma_OU (the conditional covariance). It is computed
 * once per (member, leaf, missing pattern) and kept in one slot per leaf of the model, shared by
 * all its members and parameter sets (the slot records whose factor it holds): a batch whose rows
 * share a pattern (the usual case) factors once per parameter set, and memory stays one factor per
 * leaf (p^2 doubles) whatever the number of members, draws, patterns or requests. A slot per leaf
 * per member held 11 x 640 factors on wdbc (13 MB, kept between requests).
 */
export interface MvnPattern {
  /** Bit i set when dimension i is observed; -1 when the slot is stale. */
  mask: number;
  /** Whose parameters the factor is of: the member and its parameter version (forgetMvnPatterns). */
  owner: CompiledMember | null;
  version: number;
  /** Dimensions in factor order: the q observed ones, then the hidden ones. */
  readonly order: Int32Array;
  q: number;
  /** Rows of `chol` computed so far: q (the observed block) or p. */
  rows: number;
  /** Lower factor of the permuted covariance (row-major, p columns; at least `rows` rows allocated). */
  chol: Float64Array;
  /** Sum of the logs of the diagonal of A (observed block) and of C (conditional of the hidden). */
  halfLogDetObserved: number;
  halfLogDetHidden: number;
}

/** The slots of a model, by mvn leaf ordinal (keyed by its layout, which a draw view shares). */
const caches = new WeakMap<object, (MvnPattern | undefined)[]>();
/** Parameter version of a member whose parameters are overwritten in place (parameter draws). */
const versions = new WeakMap<CompiledMember, number>();

/**
 * Marks a member's cached factors stale: its parameters were overwritten (parameter draws). The
 * slots' buffers are reused, so a request over many parameter sets does not churn the heap.
 */
export function forgetMvnPatterns(member: CompiledMember): void {
  versions.set(member, (versions.get(member) ?? 0) + 1);
}

/** Bytes of factor and order buffers the model's pattern slots hold (at most p^2 + p per leaf; tests). */
export function mvnPatternBytes(spn: CompiledSpn): number {
  let bytes = 0;
  for (const slot of caches.get(spn.mvn!) ?? []) if (slot) bytes += slot.chol.byteLength + slot.order.byteLength;
  return bytes;
}

/** x[i] = the value of the leaf's i-th variable in evidence laid out as ev[v * stride + col]. */
export function mvnGather(
  spn: CompiledSpn,
  node: number,
  ev: Float64Array,
  stride: number,
  col: number,
  x: Float64Array,
): void {
  const mvn = spn.mvn!;
  const j = mvn.ordinal[node]!;
  const from = mvn.varStart[j]!;
  for (let i = 0, p = mvn.p[j]!; i < p; i++) x[i] = ev[mvn.vars[from + i]! * stride + col]!;
}

/**
 * The cached factor of the pattern of which entries of x are observed, factored on a miss through
 * its first q rows only (A: what log p needs, O(q^2 p + q^3)); `withHidden` extends it to all p
 * rows (B and C: conditionals, MPE, sampling, marginals), continuing the same Cholesky row by row.
 */
export function mvnPattern(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  x: Float64Array,
  withHidden = false,
): MvnPattern {
  const mvn = spn.mvn!;
  const j = mvn.ordinal[node]!;
  const p = mvn.p[j]!;
  let mask = 0;
  for (let i = 0; i < p; i++) if (x[i] === x[i]) mask |= 1 << i;
  let slots = caches.get(mvn);
  if (slots === undefined) caches.set(mvn, (slots = new Array<MvnPattern | undefined>(mvn.p.length)));
  const hit = slots[j];
  const version = versions.get(member) ?? 0;
  if (hit !== undefined && hit.mask === mask && hit.owner === member && hit.version === version) {
    if (withHidden && hit.rows < p) factorRows(member.leafLogParams, spn.leafParamStart[node]! + p, hit, p);
    return hit;
  }
  // A slot's factor holds only the rows computed (q for log p): q = 3 of 15 keeps a fifth of p^2.
  const pattern: MvnPattern = hit ?? {
    mask,
    owner: member,
    version,
    order: new Int32Array(p),
    q: 0,
    rows: 0,
    chol: new Float64Array(0),
    halfLogDetObserved: 0,
    halfLogDetHidden: 0,
  };
  const { order } = pattern;
  let q = 0;
  for (let i = 0; i < p; i++) if ((mask >> i) & 1) order[q++] = i;
  for (let i = 0, h = q; i < p; i++) if (!((mask >> i) & 1)) order[h++] = i;
  Object.assign(pattern, { mask, owner: member, version, q, rows: 0, halfLogDetObserved: 0, halfLogDetHidden: 0 });
  factorRows(member.leafLogParams, spn.leafParamStart[node]! + p, pattern, withHidden ? p : q);
  slots[j] = pattern;
  return pattern;
}

/**
 * Rows [pattern.rows, to) of the lower Cholesky factor of (L L^T)[order, order], L packed at `at`
 * (row i of a Cholesky factor needs only the rows before it). L has a positive diagonal, so every
 * principal sub-matrix is positive definite and every pivot positive (up to rounding).
 */
function factorRows(params: Float64Array, at: number, pattern: MvnPattern, to: number): void {
  const { order } = pattern;
  const p = order.length;
  if (pattern.chol.length < to * p) {
    const grown = new Float64Array(to * p);
    grown.set(pattern.chol.subarray(0, pattern.rows * p));
    pattern.chol = grown;
  }
  const chol = pattern.chol;
  for (let s = pattern.rows; s < to; s++) {
    const a = order[s]!;
    const ra = at + (a * (a + 1)) / 2;
    for (let t = 0; t <= s; t++) {
      const b = order[t]!;
      const rb = at + (b * (b + 1)) / 2;
      let sum = 0;
      for (let k = 0, end = Math.min(a, b); k <= end; k++) sum += params[ra + k]! * params[rb + k]!;
      for (let k = 0; k < t; k++) sum -= chol[s * p + k]! * chol[t * p + k]!;
      chol[s * p + t] = t === s ? Math.sqrt(sum) : sum / chol[t * p + t]!;
    }
    if (s < pattern.q) pattern.halfLogDetObserved += Math.log(chol[s * p + s]!);
    else pattern.halfLogDetHidden += Math.log(chol[s * p + s]!);
  }
  pattern.rows = to;
}
