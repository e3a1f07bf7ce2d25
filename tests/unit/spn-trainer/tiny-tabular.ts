import { createRng } from "../../../shared/numeric/rng.ts";
import type { BinaryData } from "../../../trainers/spn/dataset.ts";
import { normalGammaLogMarginal } from "../../../trainers/spn/hyper-conjugate.ts";
import { defaultTabularHyper } from "../../../trainers/spn/hyper-tabular.ts";
import { buildRegionGraph, partitionOf, type StructureOptions } from "../../../trainers/spn/region-graph.ts";
import { createState, type SamplerState } from "../../../trainers/spn/state.ts";
import type { ColumnKind, ColumnSpec } from "../../../trainers/spn/table-columns.ts";
import { missingCode } from "../../../trainers/spn/table-encode.ts";

/**
 * Tiny mixed tables (binary, categorical, continuous; null = missing) for exact enumeration of
 * the collapsed model, with deliberately uneven priors so that a wrong pseudo-count shows.
 */
export function tinyTable(
  kinds: readonly ColumnKind[],
  states: readonly number[],
  rows: readonly (number | null)[][],
): BinaryData {
  const columns: ColumnSpec[] = kinds.map((kind, d) => ({
    name: `c${d}`,
    source: d,
    kind,
    states: kind === "continuous" ? [] : Array.from({ length: states[d]! }, (_, k) => `s${k}`),
    shift: 0,
    scale: 1,
    missing: 0,
  }));
  const miss = missingCode(columns);
  const D = kinds.length;
  const x = new Uint8Array(rows.length * D);
  const values = new Float64Array(rows.length * D).fill(Number.NaN);
  rows.forEach((row, n) =>
    row.forEach((v, d) => {
      if (v === null) x[n * D + d] = miss;
      else if (kinds[d] === "continuous") values[n * D + d] = v;
      else x[n * D + d] = v;
    }),
  );
  return { rows: rows.length, cols: D, x, values, columns };
}

export function tinyTabularState(data: BinaryData, structure: StructureOptions, alpha = 0.5): SamplerState {
  const graph = buildRegionGraph(createRng(7), data.cols, structure);
  const hyper = defaultTabularHyper(data, alpha);
  const t = hyper.tabular!;
  const stride = missingCode(data.columns!) + 1;
  data.columns!.forEach((c, d) => {
    c.states.forEach((_, k) => (t.dirichlet[stride * d + k] = 0.4 + 0.3 * k + 0.1 * d));
    if (c.kind === "binary") [hyper.b[d], hyper.a[d]] = [t.dirichlet[stride * d]!, t.dirichlet[stride * d + 1]!];
    t.normalGamma.set([0.3, 0.7, 1.6, 0.8], 4 * d);
  });
  return createState(graph, data, hyper);
}

const logRising = (x: number, n: number): number => {
  let v = 0;
  for (let i = 0; i < n; i++) v += Math.log(x + i);
  return v;
};

/**
 * Exact collapsed log p(Z | alpha) + log p(X | Z) for a mixed table, independent of the sampler:
 * per leaf, Dirichlet-multinomial rising factorials over its observed states, or the closed-form
 * Normal–Gamma marginal of its observed values (itself checked by numerical integration in
 * normal-gamma.test.ts); missing cells contribute nothing.
 */
export function exactTabularLogJoint(st: SamplerState, trees: readonly Int32Array[]): number {
  const g = st.graph;
  const { alpha } = st.hyper;
  const t = st.hyper.tabular!;
  const cols = st.data.columns!;
  const stride = missingCode(cols) + 1;
  const D = st.data.cols;
  const edges = new Map<number, number>();
  const totals = new Map<number, [number, number]>();
  const leaves = new Map<string, { d: number; counts: number[]; vals: number[] }>();
  trees.forEach((row, n) => {
    const walk = (r: number, k: number): void => {
      if (g.isLeaf[r] === 1) {
        for (let i = 0; i < g.scopeLength[r]!; i++) {
          const d = g.scopeVars[g.scopeStart[r]! + i]!;
          const key = `${r}/${k}/${d}`;
          const cell = leaves.get(key) ?? { d, counts: new Array<number>(cols[d]!.states.length).fill(0), vals: [] };
          const code = st.data.x[n * D + d]!;
          if (code !== stride - 1) {
            if (cols[d]!.kind === "continuous") cell.vals.push(st.data.values![n * D + d]!);
            else cell.counts[code]!++;
          }
          leaves.set(key, cell);
        }
        return;
      }
      const c = row[r]!;
      const s = g.sumStart[r]! + k;
      const e = g.edgeStart[r]! + k * g.childCount[r]! + c;
      edges.set(e, (edges.get(e) ?? 0) + 1);
      totals.set(s, [g.childCount[r]!, (totals.get(s)?.[1] ?? 0) + 1]);
      const p = partitionOf(g, r, c);
      const local = c - g.partChildStart[p]!;
      const K2 = g.size[g.partRight[p]!]!;
      walk(g.partLeft[p]!, Math.floor(local / K2));
      walk(g.partRight[p]!, local % K2);
    };
    walk(g.root, 0);
  });
  let logJoint = 0;
  for (const count of edges.values()) logJoint += logRising(alpha, count);
  for (const [C, total] of totals.values()) logJoint -= logRising(C * alpha, total);
  for (const { d, counts, vals } of leaves.values()) {
    if (cols[d]!.kind === "continuous") {
      const prior = Array.from(t.normalGamma.subarray(4 * d, 4 * d + 4));
      logJoint += normalGammaLogMarginal(prior, {
        n: vals.length,
        sum: vals.reduce((a, v) => a + v, 0),
        sumSq: vals.reduce((a, v) => a + v * v, 0),
      });
    } else {
      const a = counts.map((_, k) => t.dirichlet[stride * d + k]!);
      counts.forEach((c, k) => (logJoint += logRising(a[k]!, c)));
      logJoint -= logRising(
        a.reduce((s, v) => s + v, 0),
        counts.reduce((s, v) => s + v, 0),
      );
    }
  }
  return logJoint;
}
