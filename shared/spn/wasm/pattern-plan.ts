import { type CompiledSpn, KIND_PRODUCT, KIND_SUM } from "../compiled-spn.ts";
import { MAX_BATCH_ROWS } from "../caps.ts";
import type { EvidenceBatch } from "../evidence.ts";
import { markVirtualProducts } from "./pattern-virtual.ts";

/**
 * Sharing upward values across the rows of a batch (batched marginals, wasm/flows.ts). A node's
 * value depends only on the evidence of the variables in its scope; when a scope has few evidence
 * patterns (each discrete variable: one of its states or absent), a large batch repeats each
 * pattern many times. Such a node's values are computed once per pattern, on a small synthetic
 * batch that enumerates the patterns, and gathered per row; nodes below it that nobody reads in
 * the main passes are skipped. The kernel performs the same operations on the same inputs for a
 * pattern row as for a real row, so every value, and every answer, keeps its bits.
 */
export const PATTERN_MAX = 81;
/** A batch shares upward values only when it has this many rows per synthetic (pattern) row. */
export const PATTERN_MIN_ROWS_PER_SYNTHETIC = 8;
/** Table doubles per model at most (2 MiB); a graph with more shareable values is not shared. */
export const PATTERN_TABLE_CAP = 1 << 18;

export const MODE_COMPUTE = 0;
export const MODE_GATHER = 1;
export const MODE_SKIP = 2;
/**
 * A product read only by the downward pass (flow = S_n * ...), with two children and 1-6 sum
 * parents: neither computed nor gathered upward; the downward kernel multiplies its children's
 * values where it needs S_n (the operation productNode does), so its table is not made.
 */
export const MODE_VIRTUAL = 3;

export interface PatternClass {
  readonly variables: readonly number[];
  /** Pattern id = sum over the class's variables of code * radix, code = state, or K if absent. */
  readonly radix: readonly number[];
  readonly patterns: number;
}

export interface PatternPlan {
  /** Per node: MODE_COMPUTE, MODE_GATHER (from its table), MODE_SKIP (nobody reads it) or MODE_VIRTUAL. */
  readonly mode: Int32Array;
  /** Per node: its class (gathered nodes), else -1. */
  readonly classOf: Int32Array;
  /** Per node: its table's first double (gathered nodes), else -1. */
  readonly tableAt: Int32Array;
  readonly tableDoubles: number;
  readonly classes: readonly PatternClass[];
  /** Classes with pairwise disjoint variables share one synthetic batch. */
  readonly groups: readonly (readonly number[])[];
  /** Rows of all synthetic batches together: the cost of the tables, in rows. */
  readonly syntheticRows: number;
  readonly gathered: readonly number[];
}

/** The plan for this graph (flowOf: wasm/parents.ts), or null when nothing is worth sharing. */
export function patternPlan(spn: CompiledSpn, flowOf: Int32Array): PatternPlan | null {
  const { nodeCount: N, kind, childStart, childIndex, leafVariable, stateCount, root } = spn;
  const scope: (number[] | null)[] = new Array(N);
  const count = (vars: readonly number[]): number => vars.reduce((p, v) => p * (stateCount[v]! + 1), 1);
  for (let n = 0; n < N; n++) {
    let vars: number[] | null;
    if (kind[n] === KIND_SUM)
      vars = scope[childIndex[childStart[n]!]!]!; // complete: all children alike
    else if (kind[n] === KIND_PRODUCT) {
      vars = [];
      for (let e = childStart[n]!; e < childStart[n + 1]! && vars !== null; e++) {
        const c = scope[childIndex[e]!]!;
        vars = c === null ? null : vars.concat(c);
      }
    } else vars = stateCount[leafVariable[n]!]! === 0 ? null : [leafVariable[n]!]; // gaussian: no patterns
    scope[n] = vars !== null && count(vars) <= PATTERN_MAX ? vars.slice().sort((a, b) => a - b) : null;
  }
  // who reads a value in the main passes: a parent that is computed, the pulled gather of a node
  // with sum parents (flow = S * ...), a sum's quotient, the root's log
  const needed = new Uint8Array(N);
  needed[root] = 1;
  for (let p = 0; p < N; p++) {
    if (kind[p] !== KIND_SUM && kind[p] !== KIND_PRODUCT) continue;
    if (kind[p] === KIND_SUM) needed[p] = 1;
    for (let e = childStart[p]!; e < childStart[p + 1]!; e++) {
      const c = childIndex[e]!;
      if (scope[p] === null || (kind[p] === KIND_SUM && flowOf[c] === c)) needed[c] = 1;
    }
  }
  const mode = new Int32Array(N);
  markVirtualProducts(spn, scope, needed, flowOf, mode);
  const classOf = new Int32Array(N).fill(-1);
  const tableAt = new Int32Array(N).fill(-1);
  const classes: PatternClass[] = [];
  const byKey = new Map<string, number>();
  const gathered: number[] = [];
  let tableDoubles = 0;
  for (let n = 0; n < N; n++) {
    const vars = scope[n] ?? null;
    if (vars === null || mode[n] === MODE_VIRTUAL) continue;
    mode[n] = needed[n] ? MODE_GATHER : MODE_SKIP;
    if (!needed[n]) continue;
    const key = vars.join(",");
    let c = byKey.get(key);
    if (c === undefined) {
      const radix = vars.map(() => 1);
      for (let i = vars.length - 2; i >= 0; i--) radix[i] = radix[i + 1]! * (stateCount[vars[i + 1]!]! + 1);
      c = classes.push({ variables: vars, radix, patterns: count(vars) }) - 1;
      byKey.set(key, c);
    }
    classOf[n] = c;
    tableAt[n] = tableDoubles;
    tableDoubles += classes[c]!.patterns;
    gathered.push(n);
  }
  if (gathered.length === 0 || tableDoubles > PATTERN_TABLE_CAP) return null;
  const groups = disjointGroups(classes);
  const syntheticRows = groups.reduce((s, g) => s + Math.max(...g.map((c) => classes[c]!.patterns)), 0);
  if (PATTERN_MIN_ROWS_PER_SYNTHETIC * syntheticRows > MAX_BATCH_ROWS) return null; // no batch would pay
  return { mode, classOf, tableAt, tableDoubles, classes, groups, syntheticRows, gathered };
}

/** First-fit packing of the classes (largest first) into groups of pairwise disjoint variables. */
function disjointGroups(classes: readonly PatternClass[]): number[][] {
  const order = classes.map((_, c) => c).sort((a, b) => classes[b]!.patterns - classes[a]!.patterns);
  const groups: { members: number[]; used: Set<number> }[] = [];
  for (const c of order) {
    const vars = classes[c]!.variables;
    let g = groups.find((x) => vars.every((v) => !x.used.has(v)));
    if (g === undefined) groups.push((g = { members: [], used: new Set() }));
    g.members.push(c);
    vars.forEach((v) => g.used.add(v));
  }
  return groups.map((g) => g.members);
}

/** The synthetic batch of one group: row j holds pattern j of every class in it (others absent). */
export function syntheticBatch(spn: CompiledSpn, plan: PatternPlan, group: readonly number[]): EvidenceBatch {
  const rows = Math.max(...group.map((c) => plan.classes[c]!.patterns));
  const values = new Float64Array(spn.variables.length * rows).fill(NaN);
  for (const c of group) {
    const { variables, radix, patterns } = plan.classes[c]!;
    for (let j = 0; j < patterns; j++) {
      variables.forEach((v, i) => {
        const code = Math.floor(j / radix[i]!) % (spn.stateCount[v]! + 1);
        if (code < spn.stateCount[v]!) values[v * rows + j] = code;
      });
    }
  }
  return { rowCount: rows, values };
}
