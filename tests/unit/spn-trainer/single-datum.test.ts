import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { createGibbsScratch, gibbsStep } from "../../../trainers/spn/sampler-gibbs.ts";
import { neighbourStep } from "../../../trainers/spn/sampler-neighbour.ts";
import { createTopDownScratch, topDownStep } from "../../../trainers/spn/sampler-top-down.ts";
import type { StructureOptions } from "../../../trainers/spn/region-graph.ts";
import { enumerateTrees, exactJoint, setTrees, tinyData, tinyState, totalVariation, treeKey } from "./tiny-model.ts";

const DATA = tinyData([
  [1, 0, 1],
  [1, 1, 0],
  [0, 0, 1],
  [1, 0, 1],
]);
const STRUCTURES: Record<string, StructureOptions> = {
  "one partition, an internal region": { sumComponents: 2, leafComponents: 2, partitions: 1, depth: 2 },
  "two partitions at the root": { sumComponents: 2, leafComponents: 2, partitions: 2, depth: 1 },
  // The data-driven region graph is still a region tree: the samplers run on it unchanged.
  "mutual-information halves": { sumComponents: 2, leafComponents: 3, partitions: 2, depth: 1, split: "mi" },
};

/** Exact p(z_0 = T | Z_{-0}, X) by enumerating datum 0's trees with the others held fixed. */
function exactConditional(name: string) {
  const st = tinyState(DATA, STRUCTURES[name]!);
  const trees = enumerateTrees(st.graph);
  const others = [trees[3 % trees.length]!, trees[5 % trees.length]!, trees[3 % trees.length]!];
  const weights = trees.map((t) => exactJoint(st, [t, ...others]));
  const z = weights.reduce((x, y) => x + y, 0);
  const exact = new Map(trees.map((t, i) => [treeKey(t), weights[i]! / z]));
  setTrees(st, [trees[0]!, ...others]);
  return { st, exact, trees: trees.length };
}

const rowOf = (st: ReturnType<typeof tinyState>): Int32Array => st.choice.subarray(0, st.graph.regions);

describe.each(Object.keys(STRUCTURES))("single-datum updates (%s)", (name) => {
  it("enumerates more than a handful of trees per datum", () => {
    expect(exactConditional(name).trees).toBeGreaterThanOrEqual(8);
  });

  it("bottom-up Gibbs draws match the exact tree conditional (TV < 0.025, 20k draws)", () => {
    const { st, exact } = exactConditional(name);
    const rng = createRng(11);
    const sc = createGibbsScratch(st);
    const counts = new Map<string, number>();
    for (let t = 0; t < 20_000; t++) {
      gibbsStep(rng, st, 0, sc);
      const key = treeKey(rowOf(st));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(totalVariation(counts, exact)).toBeLessThan(0.025);
  });

  it.each([1, 3])(
    "top-down MH with %i proposal(s) leaves the exact tree conditional invariant (TV < 0.025)",
    (proposals) => {
      const { st, exact } = exactConditional(name);
      const rng = createRng(12 + proposals);
      const sc = createTopDownScratch(st);
      const counts = new Map<string, number>();
      for (let t = 0; t < 40_000; t++) {
        topDownStep(rng, st, 0, sc, proposals);
        const key = treeKey(rowOf(st));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(totalVariation(counts, exact)).toBeLessThan(0.025);
    },
  );

  it.each([
    [1, 0.5],
    [3, 0.2],
  ])("neighbour-mixture MH with %i proposal(s), eps %f, leaves it invariant too (TV < 0.025)", (proposals, eps) => {
    const { st, exact } = exactConditional(name);
    const rng = createRng(31 + proposals);
    const sc = createTopDownScratch(st);
    const counts = new Map<string, number>();
    for (let t = 0; t < 40_000; t++) {
      neighbourStep(rng, st, 0, sc, proposals, eps, 2);
      const key = treeKey(rowOf(st));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(totalVariation(counts, exact)).toBeLessThan(0.025);
  });
});
