import { describe, expect, it } from "vitest";
import { logSumExp } from "../../../shared/numeric/log-space.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import { normalGammaLogMarginal } from "../../../trainers/spn/hyper-conjugate.ts";
import { logTreeLeaves } from "../../../trainers/spn/leaf-predictive.ts";
import { partitionOf } from "../../../trainers/spn/region-graph.ts";
import { createGibbsScratch, gibbsStep } from "../../../trainers/spn/sampler-gibbs.ts";
import { createTopDownScratch, topDownStep } from "../../../trainers/spn/sampler-top-down.ts";
import { createState, updateTree, type SamplerState } from "../../../trainers/spn/state.ts";
import { missingCode } from "../../../trainers/spn/table-encode.ts";
import { logTreePrior } from "../../../trainers/spn/tree-ops.ts";
import { upwardPass } from "../../../trainers/spn/upward-pass.ts";
import { mvnState } from "./tiny-mvn.ts";
import { niwLogMarginal } from "./niw-exact.ts";
import { enumerateTrees, setTrees, totalVariation, treeKey } from "./tiny-model.ts";
import { tinyTable } from "./tiny-tabular.ts";

/** Five continuous columns and a binary one; column 4 has a missing training cell (so it stays univariate). */
const DATA = tinyTable(
  ["continuous", "continuous", "continuous", "binary", "continuous", "continuous"],
  [0, 0, 0, 2, 0, 0],
  [
    [0.4, 1.1, -0.3, 1, 0.2, 0.9],
    [-1.3, -0.8, 0.5, 0, null, -1.1],
    [0.9, 0.7, 1.4, 1, 1.0, 0.6],
    [2.2, 1.9, -0.6, 1, -1.1, 2.0],
    [0.1, 0.3, 0.2, 0, -0.4, 0.2],
  ],
);
const STRUCTURE = { sumComponents: 2, leafComponents: 2, partitions: 2, depth: 1 };

const logRising = (x: number, n: number): number => {
  let v = 0;
  for (let i = 0; i < n; i++) v += Math.log(x + i);
  return v;
};

/**
 * Exact collapsed log p(Z) + log p(X | Z) with NIW blocks, independent of the samplers: rows of
 * each leaf component collected by walking the trees; a block scored by the closed-form NIW
 * marginal likelihood (niw-exact.ts), other columns as tiny-tabular.ts does.
 */
function exactLogJoint(st: SamplerState, trees: readonly Int32Array[]): number {
  const g = st.graph;
  const b = st.tab!.mvn!;
  const t = st.hyper.tabular!;
  const D = st.data.cols;
  const miss = missingCode(st.data.columns!);
  const stride = miss + 1;
  const edges = new Map<number, number>();
  const totals = new Map<number, [number, number]>();
  const comps = new Map<string, { r: number; rows: number[] }>();
  trees.forEach((row, n) => {
    const walk = (r: number, k: number): void => {
      if (g.isLeaf[r] === 1) {
        const cell = comps.get(`${r}/${k}`) ?? { r, rows: [] };
        cell.rows.push(n);
        comps.set(`${r}/${k}`, cell);
        return;
      }
      const c = row[r]!;
      const e = g.edgeStart[r]! + k * g.childCount[r]! + c;
      edges.set(e, (edges.get(e) ?? 0) + 1);
      totals.set(g.sumStart[r]! + k, [g.childCount[r]!, (totals.get(g.sumStart[r]! + k)?.[1] ?? 0) + 1]);
      const p = partitionOf(g, r, c);
      const local = c - g.partChildStart[p]!;
      walk(g.partLeft[p]!, Math.floor(local / g.size[g.partRight[p]!]!));
      walk(g.partRight[p]!, local % g.size[g.partRight[p]!]!);
    };
    walk(g.root, 0);
  });
  let logJoint = 0;
  for (const count of edges.values()) logJoint += logRising(st.hyper.alpha, count);
  for (const [C, total] of totals.values()) logJoint -= logRising(C * st.hyper.alpha, total);
  for (const { r, rows } of comps.values()) {
    for (let i = 0; i < g.scopeLength[r]!; i++) {
      const d = g.scopeVars[g.scopeStart[r]! + i]!;
      if (b.p[r]! > 0 && b.inBlock[g.scopeStart[r]! + i] === 1) continue;
      const observed = rows.filter((n) => st.data.x[n * D + d] !== miss);
      if (st.data.columns![d]!.kind === "continuous") {
        const vals = observed.map((n) => st.data.values![n * D + d]!);
        logJoint += normalGammaLogMarginal(Array.from(t.normalGamma.subarray(4 * d, 4 * d + 4)), {
          n: vals.length,
          sum: vals.reduce((s, v) => s + v, 0),
          sumSq: vals.reduce((s, v) => s + v * v, 0),
        });
      } else {
        const a = [t.dirichlet[stride * d]!, t.dirichlet[stride * d + 1]!];
        const ones = observed.filter((n) => st.data.x[n * D + d] === 1).length;
        logJoint +=
          logRising(a[1]!, ones) + logRising(a[0]!, observed.length - ones) - logRising(a[0]! + a[1]!, observed.length);
      }
    }
    if (b.p[r]! > 0) {
      const p = b.p[r]!;
      const at = b.varStart[r]!;
      const vars = Array.from(b.vars.subarray(at, at + p));
      const prior = {
        mu0: Array.from(b.mu0.subarray(at, at + p)),
        kappa0: b.kappa0[r]!,
        nu0: b.nu0[r]!,
        psi0: vars.map((_, i) => vars.map((_, j) => (i === j ? b.psi0[at + i]! : 0))),
      };
      logJoint += niwLogMarginal(
        prior,
        rows.map((n) => vars.map((d) => st.data.values![n * D + d]!)),
      );
    }
  }
  return logJoint;
}

function setUp() {
  const st = mvnState(DATA, STRUCTURE);
  const trees = enumerateTrees(st.graph);
  const others = [1, 4, 6, 2].map((i) => trees[i % trees.length]!);
  const logs = trees.map((tr) => exactLogJoint(st, [tr, ...others]));
  const mx = Math.max(...logs);
  const z = logs.reduce((s, v) => s + Math.exp(v - mx), 0);
  const exact = new Map(trees.map((tr, i) => [treeKey(tr), Math.exp(logs[i]! - mx) / z]));
  setTrees(st, [trees[0]!, ...others]);
  return { st, exact, trees, others };
}

describe("collapsed samplers with multivariate Gaussian (NIW) leaves", () => {
  it("has blocks and enough trees to tell samplers apart", () => {
    const { st, trees } = setUp();
    expect(Array.from(st.tab!.mvn!.p).filter((p) => p >= 2).length).toBeGreaterThanOrEqual(2);
    expect(trees.length).toBeGreaterThanOrEqual(8);
  });

  it("top-down's and the upward pass's collapsed predictives equal the exact joint ratio (1e-9)", () => {
    const { st, trees, others } = setUp();
    const ratio = trees.map((tr) => exactLogJoint(st, [tr, ...others]));
    updateTree(st, 0, -1);
    const logRest =
      logSumExp(Float64Array.from(ratio)) -
      logSumExp(
        Float64Array.from(trees.map((tr) => logTreePrior(st, tr, 0, new Int32Array(64)) + logTreeLeaves(st, 0, tr, 0))),
      );
    // Every tree's prior x predictive equals exact joint / exact joint of the others (a constant).
    trees.forEach((tr, i) =>
      expect(logTreePrior(st, tr, 0, new Int32Array(64)) + logTreeLeaves(st, 0, tr, 0) + logRest).toBeCloseTo(
        ratio[i]!,
        9,
      ),
    );
    expect(upwardPass(st, DATA.x, 0, createGibbsScratch(st)) + logRest).toBeCloseTo(
      logSumExp(Float64Array.from(ratio)),
      9,
    );
  });

  it("bottom-up Gibbs draws from the exact conditional (TV < 0.025, 20k draws)", () => {
    const { st, exact } = setUp();
    const rng = createRng(31);
    const sc = createGibbsScratch(st);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      gibbsStep(rng, st, 0, sc);
      const key = treeKey(st.choice.subarray(0, st.graph.regions));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(totalVariation(counts, exact)).toBeLessThan(0.025);
  });

  it("top-down MH leaves the exact conditional invariant (TV < 0.025, 40k steps)", () => {
    const { st, exact } = setUp();
    const rng = createRng(32);
    const sc = createTopDownScratch(st);
    const counts = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) {
      topDownStep(rng, st, 0, sc, 2);
      const key = treeKey(st.choice.subarray(0, st.graph.regions));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(totalVariation(counts, exact)).toBeLessThan(0.025);
  });

  it("keeps block statistics and factors equal to a rebuild after many steps of both samplers", () => {
    const { st } = setUp();
    const rng = createRng(33);
    const gb = createGibbsScratch(st);
    const td = createTopDownScratch(st);
    for (let i = 0; i < 400; i++) {
      if (i % 2 === 0) gibbsStep(rng, st, i % DATA.rows, gb);
      else topDownStep(rng, st, (3 * i) % DATA.rows, td, 2);
    }
    const fresh = createState(st.graph, st.data, st.hyper, true);
    fresh.choice.set(st.choice);
    for (let n = 0; n < DATA.rows; n++) updateTree(fresh, n, 1);
    const [a, b] = [st.tab!.mvn!, fresh.tab!.mvn!];
    expect(Array.from(a.n)).toEqual(Array.from(b.n));
    a.chol.forEach((v, i) => expect(v).toBeCloseTo(b.chol[i]!, 9));
    a.logConst.forEach((v, i) => expect(v).toBeCloseTo(b.logConst[i]!, 9));
  });
});
