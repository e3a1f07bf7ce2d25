import { type Rng, standardNormal } from "../numeric/rng.ts";
import type { CompiledMember, CompiledSpn } from "./compiled-spn.ts";
import { mvnPattern, type MvnPattern } from "./mvn-pattern.ts";

const HALF_LOG_TWO_PI = 0.9189385332046728; // = 0.5 * log(2 * pi)

/** work[0..q) := A^-1 (x_O - mean_O) in factor order; returns its squared norm. */
function whiten(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  pat: MvnPattern,
  x: Float64Array,
  work: Float64Array,
): number {
  const at = spn.leafParamStart[node]!;
  const p = pat.order.length;
  let norm = 0;
  for (let s = 0; s < pat.q; s++) {
    let v = x[pat.order[s]!]! - member.leafLogParams[at + pat.order[s]!]!;
    for (let k = 0; k < s; k++) v -= pat.chol[s * p + k]! * work[k]!;
    v /= pat.chol[s * p + s]!;
    work[s] = v;
    norm += v * v;
  }
  return norm;
}

/** log N(x_O; mean_O, Sigma_OO): the leaf's value with the absent dimensions marginalised (0 if none is observed). */
export function mvnLogDensity(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  x: Float64Array,
  work: Float64Array,
): number {
  return mvnLogDensityOf(spn, member, node, mvnPattern(spn, member, node, x), x, work);
}

/** mvnLogDensity when the caller already holds the pattern of x (the same member's, current). */
export function mvnLogDensityOf(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  pat: MvnPattern,
  x: Float64Array,
  work: Float64Array,
): number {
  if (pat.q === 0) return 0;
  return -pat.q * HALF_LOG_TWO_PI - pat.halfLogDetObserved - 0.5 * whiten(spn, member, node, pat, x, work);
}

/**
 * Completes x: hidden entries := their conditional mean mean_U + B A^-1 (x_O - mean_O), the
 * leaf's mode given the observed ones (MPE) and its single-variable posterior means. `work` needs p
 * doubles. Returns the pattern.
 */
export function mvnConditionalMean(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  x: Float64Array,
  work: Float64Array,
): MvnPattern {
  const pat = mvnPattern(spn, member, node, x, true);
  whiten(spn, member, node, pat, x, work);
  const at = spn.leafParamStart[node]!;
  const p = pat.order.length;
  for (let s = pat.q; s < p; s++) {
    let m = member.leafLogParams[at + pat.order[s]!]!;
    for (let k = 0; k < pat.q; k++) m += pat.chol[s * p + k]! * work[k]!;
    x[pat.order[s]!] = m;
  }
  return pat;
}

/** log max over the hidden entries of the leaf's density: log N(x_O) + the conditional's log density at its mode. */
export function mvnModeLog(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  x: Float64Array,
  work: Float64Array,
): number {
  const logObserved = mvnLogDensity(spn, member, node, x, work);
  const pat = mvnPattern(spn, member, node, x, true);
  return logObserved - (pat.order.length - pat.q) * HALF_LOG_TWO_PI - pat.halfLogDetHidden;
}

/** Per entry i of the leaf: out[2i] its posterior mean, out[2i + 1] its variance given the observed entries (observed: x_i, 0). */
export function mvnMoments(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  x: Float64Array,
  work: Float64Array,
  out: Float64Array,
  outAt: number,
): void {
  const pat = mvnConditionalMean(spn, member, node, x, work);
  const p = pat.order.length;
  for (let s = 0; s < p; s++) {
    let v = 0;
    for (let k = pat.q; k <= s; k++) v += pat.chol[s * p + k]! ** 2;
    out[outAt + 2 * pat.order[s]!] = x[pat.order[s]!]!;
    out[outAt + 2 * pat.order[s]! + 1] = v;
  }
}

/** Draws the hidden entries of x from their conditional Gaussian (observed entries kept): mean + C z. */
export function mvnConditionalSample(
  rng: Rng,
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  x: Float64Array,
  work: Float64Array,
): void {
  const pat = mvnConditionalMean(spn, member, node, x, work);
  const p = pat.order.length;
  for (let s = pat.q; s < p; s++) work[s] = standardNormal(rng);
  for (let s = pat.q; s < p; s++) {
    let d = 0;
    for (let k = pat.q; k <= s; k++) d += pat.chol[s * p + k]! * work[k]!;
    x[pat.order[s]!] = x[pat.order[s]!]! + d;
  }
}
