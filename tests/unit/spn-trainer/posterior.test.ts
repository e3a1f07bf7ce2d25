import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { createGibbsScratch, gibbsStep } from "../../../trainers/spn/sampler-gibbs.ts";
import { neighbourStep } from "../../../trainers/spn/sampler-neighbour.ts";
import { createTopDownScratch, topDownStep } from "../../../trainers/spn/sampler-top-down.ts";
import type { SamplerState } from "../../../trainers/spn/state.ts";
import { enumerateTrees, exactJoint, setTrees, tinyData, tinyState, totalVariation, treeKey } from "./tiny-model.ts";

/**
 * Whole-chain check: with every assignment Z of a tiny data set enumerated, the states a sampler
 * visits (one per sweep) must follow the exact collapsed posterior p(Z | X) ∝ p(Z | alpha) p(X | Z).
 */
const CASES = [
  {
    name: "3 data, 2 partitions at the root (512 states)",
    rows: [
      [1, 0],
      [1, 1],
      [0, 0],
    ],
    structure: { sumComponents: 2, leafComponents: 2, partitions: 2, depth: 1 },
  },
  {
    name: "2 data, an internal region (256 states)",
    rows: [
      [1, 0, 1],
      [0, 1, 1],
    ],
    structure: { sumComponents: 2, leafComponents: 2, partitions: 1, depth: 2 },
  },
];

function exactPosterior(st: SamplerState): Map<string, number> {
  const trees = enumerateTrees(st.graph);
  const states: Int32Array[][] = [[]];
  for (let n = 0; n < st.data.rows; n++) {
    const next: Int32Array[][] = [];
    for (const prefix of states) for (const t of trees) next.push([...prefix, t]);
    states.splice(0, states.length, ...next);
  }
  const weights = states.map((z) => exactJoint(st, z));
  const total = weights.reduce((x, y) => x + y, 0);
  return new Map(states.map((z, i) => [z.map(treeKey).join("|"), weights[i]! / total]));
}

function runChain(st: SamplerState, sweeps: number, step: (n: number) => void): Map<string, number> {
  const R = st.graph.regions;
  const counts = new Map<string, number>();
  for (let t = 0; t < sweeps; t++) {
    for (let n = 0; n < st.data.rows; n++) step(n);
    const key = Array.from({ length: st.data.rows }, (_, n) => treeKey(st.choice.subarray(n * R, (n + 1) * R))).join(
      "|",
    );
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Distribution of datum n's tree alone (keys are "tree0|tree1|..."). */
function marginal(dist: Map<string, number>, n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, p] of dist) {
    const tree = key.split("|")[n]!;
    out.set(tree, (out.get(tree) ?? 0) + p);
  }
  return out;
}

/** Joint TV is dominated by noise on 256-512 states; per-datum marginals are sharper. */
function expectMatches(
  counts: Map<string, number>,
  exact: Map<string, number>,
  jointBound: number,
  rows: number,
): void {
  expect(totalVariation(counts, exact)).toBeLessThan(jointBound);
  for (let n = 0; n < rows; n++) expect(totalVariation(marginal(counts, n), marginal(exact, n))).toBeLessThan(0.02);
}

describe.each(CASES)("exact collapsed posterior, $name", ({ rows, structure }) => {
  const fresh = (): SamplerState => {
    const st = tinyState(tinyData(rows), structure);
    const first = enumerateTrees(st.graph)[0]!;
    setTrees(
      st,
      rows.map(() => first),
    );
    return st;
  };
  const exact = exactPosterior(fresh());

  it("bottom-up Gibbs sweeps visit states with the posterior frequencies (joint TV < 0.06, marginal TV < 0.02, 40k sweeps)", () => {
    const st = fresh();
    const rng = createRng(21);
    const sc = createGibbsScratch(st);
    expectMatches(
      runChain(st, 40_000, (n) => gibbsStep(rng, st, n, sc)),
      exact,
      0.06,
      rows.length,
    );
  });

  it("dense bottom-up Gibbs (every edge) agrees as well", () => {
    const st = fresh();
    const rng = createRng(22);
    const sc = createGibbsScratch(st, true);
    expectMatches(
      runChain(st, 40_000, (n) => gibbsStep(rng, st, n, sc)),
      exact,
      0.06,
      rows.length,
    );
  });

  it.each([1, 4])("top-down MH sweeps with %i proposal(s) match too", (proposals) => {
    const st = fresh();
    const rng = createRng(23 + proposals);
    const sc = createTopDownScratch(st);
    expectMatches(
      runChain(st, 40_000, (n) => topDownStep(rng, st, n, sc, proposals)),
      exact,
      0.06,
      rows.length,
    );
  });

  it("neighbour-mixture MH sweeps match too", () => {
    const st = fresh();
    const rng = createRng(29);
    const sc = createTopDownScratch(st);
    expectMatches(
      runChain(st, 40_000, (n) => neighbourStep(rng, st, n, sc, 2, 0.3, 1)),
      exact,
      0.06,
      rows.length,
    );
  });
});
