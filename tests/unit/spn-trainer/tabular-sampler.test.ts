import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { createGibbsScratch, gibbsStep } from "../../../trainers/spn/sampler-gibbs.ts";
import { createTopDownScratch, topDownStep } from "../../../trainers/spn/sampler-top-down.ts";
import { logSumExp } from "../../../shared/numeric/log-space.ts";
import { logTreeLeaves } from "../../../trainers/spn/leaf-predictive.ts";
import { createState, updateTree } from "../../../trainers/spn/state.ts";
import { logTreePrior } from "../../../trainers/spn/tree-ops.ts";
import { upwardPass } from "../../../trainers/spn/upward-pass.ts";
import { enumerateTrees, setTrees, totalVariation, treeKey } from "./tiny-model.ts";
import { exactTabularLogJoint, tinyTable, tinyTabularState } from "./tiny-tabular.ts";

/** Binary, 3-state categorical and continuous columns; datum 0 has a missing categorical cell. */
const DATA = tinyTable(
  ["binary", "categorical", "continuous"],
  [2, 3, 0],
  [
    [1, null, 0.4],
    [1, 2, -1.3],
    [0, 0, 0.9],
    [1, 2, null],
    [0, 1, 2.2],
  ],
);
const STRUCTURE = { sumComponents: 2, leafComponents: 2, partitions: 2, depth: 1 };

function exactConditional() {
  const st = tinyTabularState(DATA, STRUCTURE);
  const trees = enumerateTrees(st.graph);
  const others = [1, 4, 6, 2].map((i) => trees[i % trees.length]!);
  const logs = trees.map((t) => exactTabularLogJoint(st, [t, ...others]));
  const mx = Math.max(...logs);
  const z = logs.reduce((s, v) => s + Math.exp(v - mx), 0);
  const exact = new Map(trees.map((t, i) => [treeKey(t), Math.exp(logs[i]! - mx) / z]));
  setTrees(st, [trees[0]!, ...others]);
  return { st, exact, trees: trees.length };
}

describe("collapsed samplers on a mixed table (Dirichlet–categorical, Normal–Gamma, missing cells)", () => {
  it("enumerates enough trees to tell samplers apart", () => {
    expect(exactConditional().trees).toBeGreaterThanOrEqual(8);
  });

  it("top-down's collapsed predictive of every tree equals the exact joint ratio (1e-9)", () => {
    const { st } = exactConditional();
    const trees = enumerateTrees(st.graph);
    const others = [1, 4, 6, 2].map((i) => trees[i % trees.length]!);
    updateTree(st, 0, -1); // leave-one-out counts, as both samplers see them
    const rest = tinyTabularState({ ...DATA, rows: 4, x: DATA.x.slice(3), values: DATA.values!.slice(3) }, STRUCTURE);
    const logOthers = exactTabularLogJoint(rest, others);
    const sampler = trees.map((t) => logTreePrior(st, t, 0, new Int32Array(64)) + logTreeLeaves(st, 0, t, 0));
    const exact = trees.map((t) => exactTabularLogJoint(st, [t, ...others]) - logOthers);
    sampler.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, 9));
    // Bottom-up: the upward pass sums those terms over every tree, log p(x_0 | X_-0, Z_-0).
    expect(upwardPass(st, DATA.x, 0, createGibbsScratch(st))).toBeCloseTo(logSumExp(Float64Array.from(exact)), 9);
  });

  it("bottom-up Gibbs draws datum 0's tree from the exact conditional (TV < 0.025, 20k draws)", () => {
    const { st, exact } = exactConditional();
    const rng = createRng(21);
    const sc = createGibbsScratch(st);
    const counts = new Map<string, number>();
    for (let t = 0; t < 20_000; t++) {
      gibbsStep(rng, st, 0, sc);
      const key = treeKey(st.choice.subarray(0, st.graph.regions));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(totalVariation(counts, exact)).toBeLessThan(0.025);
  });

  it("top-down MH leaves the exact conditional invariant (TV < 0.025, 40k steps)", () => {
    const { st, exact } = exactConditional();
    const rng = createRng(22);
    const sc = createTopDownScratch(st);
    const counts = new Map<string, number>();
    for (let t = 0; t < 40_000; t++) {
      topDownStep(rng, st, 0, sc, 2);
      const key = treeKey(st.choice.subarray(0, st.graph.regions));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(totalVariation(counts, exact)).toBeLessThan(0.025);
  });

  it("keeps leaf counts, moments and predictives equal to a recount after many steps", () => {
    const { st } = exactConditional();
    const rng = createRng(23);
    const gb = createGibbsScratch(st);
    const td = createTopDownScratch(st);
    for (let t = 0; t < 300; t++) {
      if (t % 2 === 0) gibbsStep(rng, st, t % DATA.rows, gb);
      else topDownStep(rng, st, (3 * t) % DATA.rows, td, 2);
    }
    const fresh = createState(st.graph, st.data, st.hyper);
    fresh.choice.set(st.choice);
    for (let n = 0; n < DATA.rows; n++) updateTree(fresh, n, 1);
    expect(st.tab!.counts).toEqual(fresh.tab!.counts);
    st.tab!.moments.forEach((v, i) => expect(v).toBeCloseTo(fresh.tab!.moments[i]!, 10));
    st.tab!.px.forEach((v, i) => expect(v).toBeCloseTo(fresh.tab!.px[i]!, 10));
    st.tab!.t.forEach((v, i) => expect(v).toBeCloseTo(fresh.tab!.t[i]!, 8));
  });
});
