import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import type { BinaryData } from "../../../trainers/spn/dataset.ts";
import { initRandomTrees } from "../../../trainers/spn/init.ts";
import { buildRegionGraph } from "../../../trainers/spn/region-graph.ts";
import { createGibbsScratch, gibbsStep } from "../../../trainers/spn/sampler-gibbs.ts";
import { createTopDownScratch, topDownStep } from "../../../trainers/spn/sampler-top-down.ts";
import { createState, updateTree, type SamplerState } from "../../../trainers/spn/state.ts";
import { upwardPass } from "../../../trainers/spn/upward-pass.ts";

function randomData(seed: number, rows: number, cols: number): BinaryData {
  const rng = createRng(seed);
  return { rows, cols, x: Uint8Array.from({ length: rows * cols }, () => uniformInt(rng, 2)) };
}

/** Rebuilds every count from the choice rows alone and compares with the incremental ones. */
function expectConsistent(st: SamplerState): void {
  const fresh = createState(st.graph, st.data, st.hyper);
  fresh.choice.set(st.choice);
  for (let n = 0; n < st.data.rows; n++) updateTree(fresh, n, 1);
  expect(st.sumCount).toEqual(fresh.sumCount);
  expect(st.sumTotal).toEqual(fresh.sumTotal);
  expect(st.fenwick).toEqual(fresh.fenwick); // a Fenwick array is a function of the counts alone
  expect(st.compCount).toEqual(fresh.compCount);
  expect(st.compOnes).toEqual(fresh.compOnes);
  for (let i = 0; i < st.leafPx.length; i++) expect(st.leafPx[i]).toBeCloseTo(fresh.leafPx[i]!, 12);
  const g = st.graph;
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 1) continue;
    const C = g.childCount[r]!;
    for (let k = 0; k < g.size[r]!; k++) {
      const s = g.sumStart[r]! + k;
      const e0 = g.edgeStart[r]! + k * C;
      const listed = Array.from(st.nzList.subarray(e0, e0 + st.nzLength[s]!)).sort((x, y) => x - y);
      const used = Array.from({ length: C }, (_, c) => c).filter((c) => st.sumCount[e0 + c]! > 0);
      expect(listed).toEqual(used);
      listed.forEach((c) => expect(st.nzList[e0 + st.nzPos[e0 + c]!]).toBe(c));
    }
  }
}

describe("incremental counts", () => {
  it("equal counts recomputed from scratch after every top-down and Gibbs step", () => {
    const data = randomData(3, 24, 7);
    const rng = createRng(5);
    const graph = buildRegionGraph(rng, data.cols, { sumComponents: 3, leafComponents: 3, partitions: 2, depth: 2 });
    const st = createState(graph, data, {
      a: new Float64Array(7).fill(0.5),
      b: new Float64Array(7).fill(0.7),
      alpha: 0.3,
    });
    initRandomTrees(rng, st);
    expectConsistent(st);
    const td = createTopDownScratch(st);
    const gb = createGibbsScratch(st);
    for (let t = 0; t < 120; t++) {
      const n = uniformInt(rng, data.rows);
      if (t % 2 === 0) topDownStep(rng, st, n, td, 1 + (t % 3));
      else gibbsStep(rng, st, n, gb);
      expectConsistent(st);
    }
  });

  it("reuses cached region values only when they equal a fresh upward pass", () => {
    const data = randomData(4, 40, 8);
    const rng = createRng(6);
    const graph = buildRegionGraph(rng, data.cols, { sumComponents: 3, leafComponents: 4, partitions: 3, depth: 2 });
    const st = createState(graph, data, {
      a: new Float64Array(8).fill(0.5),
      b: new Float64Array(8).fill(0.5),
      alpha: 0.1,
    });
    initRandomTrees(rng, st);
    const cached = createGibbsScratch(st);
    const td = createTopDownScratch(st);
    for (let t = 0; t < 200; t++) {
      const n = t % data.rows;
      if (t % 3 === 0) topDownStep(rng, st, (7 * t) % data.rows, td, 2);
      else gibbsStep(rng, st, (5 * t) % data.rows, cached);
      const expected = upwardPass(st, data.x, n * data.cols, createGibbsScratch(st));
      expect(upwardPass(st, data.x, n * data.cols, cached)).toBeCloseTo(expected, 10);
    }
  });
});
