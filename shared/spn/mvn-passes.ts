import type { Rng } from "../numeric/rng.ts";
import type { CompiledMember, CompiledSpn } from "./compiled-spn.ts";
import {
  mvnConditionalMean,
  mvnConditionalSample,
  mvnLogDensity,
  mvnLogDensityOf,
  mvnModeLog,
  mvnMoments,
} from "./mvn-leaf.ts";
import { type MvnPattern, mvnGather, mvnPattern } from "./mvn-pattern.ts";

/** An mvn leaf has at most 30 variables (artifact schema), so two fixed buffers serve every call. */
const x = new Float64Array(30);
const work = new Float64Array(30);

/**
 * Whether rows [rowStart, rowStart + R) observe the same variables among the mvn leaves' (the
 * usual batch: the same continuous columns given in every row, whichever discrete cells it gives).
 * Then each mvn leaf has one missing pattern for the whole chunk and mvnLeafChunk reads only a
 * row's q observed entries, not all p of the leaf's.
 */
export function sharedMissingPattern(
  spn: CompiledSpn,
  ev: Float64Array,
  stride: number,
  rowStart: number,
  R: number,
): boolean {
  for (const v of spn.mvn!.variables) {
    const at = v * stride + rowStart;
    const observed = ev[at] === ev[at];
    for (let r = 1; r < R; r++) if ((ev[at + r] === ev[at + r]) !== observed) return false;
  }
  return true;
}

/**
 * Upward values of mvn leaf `node` for rows [rowStart, rowStart + R) of variable-major evidence
 * into values[out + r]. The pattern (a lookup in the model's slots) is fetched once per chunk when
 * its rows share their missing pattern (`shared`, from sharedMissingPattern), else whenever a
 * row's differs from the previous row's; a row observing none of the leaf's variables is 1
 * (log 0). The 10,000-row conditional on wdbc (3 of 30 measurements given) spent most of its time
 * gathering every row's 15 entries per leaf and looking its pattern up.
 */
export function mvnLeafChunk(
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  ev: Float64Array,
  stride: number,
  rowStart: number,
  R: number,
  values: Float64Array,
  out: number,
  shared: boolean,
): void {
  const mvn = spn.mvn!;
  const from = mvn.varStart[mvn.ordinal[node]!]!;
  if (shared) {
    mvnGather(spn, node, ev, stride, rowStart, x);
    const pattern = mvnPattern(spn, member, node, x);
    const { order, q } = pattern;
    if (q === 0) values.fill(0, out, out + R);
    for (let r = 0; q > 0 && r < R; r++) {
      for (let s = 0; s < q; s++) x[order[s]!] = ev[mvn.vars[from + order[s]!]! * stride + rowStart + r]!;
      values[out + r] = mvnLogDensityOf(spn, member, node, pattern, x, work);
    }
    return;
  }
  const p = mvn.p[mvn.ordinal[node]!]!;
  let lastMask = 0;
  let pattern: MvnPattern | null = null;
  for (let r = 0; r < R; r++) {
    const col = rowStart + r;
    let mask = 0;
    for (let i = 0; i < p; i++) {
      const v = ev[mvn.vars[from + i]! * stride + col]!;
      x[i] = v;
      if (v === v) mask |= 1 << i;
    }
    if (mask === 0) {
      values[out + r] = 0;
      continue;
    }
    if (mask !== lastMask || pattern === null) pattern = mvnPattern(spn, member, node, x);
    lastMask = mask;
    values[out + r] = mvnLogDensityOf(spn, member, node, pattern, x, work);
  }
}

/** Upward value of mvn leaf `node` for one row (row[v], NaN = absent). */
export function mvnLeafRow(spn: CompiledSpn, member: CompiledMember, node: number, row: Float64Array): number {
  mvnGather(spn, node, row, 1, 0, x);
  return mvnLogDensity(spn, member, node, x, work);
}

/** Max-product value of mvn leaf `node` for one row: the density at the conditional mode of its absent variables. */
export function mvnLeafMax(spn: CompiledSpn, member: CompiledMember, node: number, row: Float64Array): number {
  mvnGather(spn, node, row, 1, 0, x);
  return mvnModeLog(spn, member, node, x, work);
}

/** Writes into out[offset + v] the leaf's completion of `row`: conditional means (MPE) or, with rng, a conditional draw. */
export function mvnLeafComplete(
  rng: Rng | null,
  spn: CompiledSpn,
  member: CompiledMember,
  node: number,
  row: Float64Array,
  out: Float64Array,
  offset: number,
): void {
  mvnGather(spn, node, row, 1, 0, x);
  if (rng === null) mvnConditionalMean(spn, member, node, x, work);
  else mvnConditionalSample(rng, spn, member, node, x, work);
  const mvn = spn.mvn!;
  const j = mvn.ordinal[node]!;
  for (let i = 0; i < mvn.p[j]!; i++) out[offset + mvn.vars[mvn.varStart[j]! + i]!] = x[i]!;
}

/**
 * Posterior mean and variance of every variable of every mvn leaf given one row (evidence ev[v *
 * stride + col]), at moments[2 (varStart[j] + i)] and + 1: the leaf's conditional of its absent
 * variables given its observed ones. Leaves whose flow is 0 (`flowAt(node)`) are skipped.
 */
export function mvnRowMoments(
  spn: CompiledSpn,
  member: CompiledMember,
  ev: Float64Array,
  stride: number,
  col: number,
  moments: Float64Array,
  flowAt: (node: number) => number,
): void {
  const mvn = spn.mvn!;
  for (let node = 0; node < spn.nodeCount; node++) {
    const j = mvn.ordinal[node]!;
    if (j < 0 || flowAt(node) === 0) continue;
    mvnGather(spn, node, ev, stride, col, x);
    mvnMoments(spn, member, node, x, work, moments, 2 * mvn.varStart[j]!);
  }
}

/**
 * Mean and variance of the leaf at variableLeaves[i] for its variable: a univariate gaussian's
 * [mean, std^2], or the mvn leaf's conditional moments from mvnRowMoments.
 */
export function leafMoment(
  spn: CompiledSpn,
  params: Float64Array,
  moments: Float64Array | null,
  i: number,
  which: 0 | 1,
): number {
  const leaf = spn.variableLeaves[i]!;
  const pos = spn.mvn ? spn.mvn.position[i]! : -1;
  if (pos >= 0) return moments![2 * (spn.mvn!.varStart[spn.mvn!.ordinal[leaf]!]! + pos) + which]!;
  const at = spn.leafParamStart[leaf]!;
  return which === 0 ? params[at]! : params[at + 1]! ** 2;
}
