import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { memberLogLikelihoods } from "../../../trainers/spn/evaluate.ts";
import { initRandomTrees } from "../../../trainers/spn/init.ts";
import { snapshotMember } from "../../../trainers/spn/member.ts";
import { buildRegionGraph } from "../../../trainers/spn/region-graph.ts";
import { createGibbsScratch, gibbsStep } from "../../../trainers/spn/sampler-gibbs.ts";
import { createState } from "../../../trainers/spn/state.ts";
import { createScorer } from "../../../trainers/spn/trace.ts";

describe("member scoring", () => {
  it("the sparse cached scorer equals a dense pass over the snapshot's explicit weights", () => {
    const rng = createRng(8);
    const make = (rows: number) => ({
      rows,
      cols: 10,
      x: Uint8Array.from({ length: rows * 10 }, () => uniformInt(rng, 2)),
    });
    const data = make(60);
    const other = make(25);
    const graph = buildRegionGraph(rng, 10, { sumComponents: 4, leafComponents: 3, partitions: 3, depth: 2 });
    const st = createState(graph, data, {
      a: new Float64Array(10).fill(0.3),
      b: new Float64Array(10).fill(0.8),
      alpha: 0.05,
    });
    initRandomTrees(rng, st);
    const sc = createGibbsScratch(st);
    for (let sweep = 0; sweep < 3; sweep++) for (let n = 0; n < data.rows; n++) gibbsStep(rng, st, n, sc);
    // The scorer visits rows in Gray order; compare sorted values (the mean is what it feeds).
    const sparse = Array.from(createScorer(st, other)()).sort();
    const dense = Array.from(memberLogLikelihoods(graph, snapshotMember(st), other)).sort();
    sparse.forEach((v, i) => expect(v).toBeCloseTo(dense[i]!, 10));
  });
});
