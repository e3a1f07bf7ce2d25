import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { emptyRow, loadSpn, mpe } from "../../../shared/spn/index.ts";
import { randomSpn } from "./random-spn.ts";
import { completions, referenceProb } from "./reference.ts";

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function partialEvidence(seed: number, stateCount: Int32Array): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(stateCount, (k) => (k > 0 && rng.nextFloat() < 0.3 ? uniformInt(rng, k) : NaN));
}

describe("MPE", () => {
  it("on selective SPNs equals the enumerated argmax and says exact", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const artifact = randomSpn(seed, { discrete: 2 + (seed % 4), selective: true });
        const { spn } = loadSpn(artifact);
        expect(spn.selective).toBe(true);
        const evidence = partialEvidence(seed, spn.stateCount);
        const absent = spn.variables.map((_, v) => v).filter((v) => Number.isNaN(evidence[v]!));
        const best = Math.max(
          ...completions(evidence, absent, spn.stateCount).map((row) => referenceProb(artifact, 0, row)),
        );
        if (best === 0) return;
        const got = mpe(spn, 0, evidence);
        expect(got.exact).toBe(true);
        expect(got.logProb).toBeCloseTo(Math.log(best), 10);
        expect(referenceProb(artifact, 0, got.assignment)).toBeCloseTo(best, 12);
      }),
      { seed: 21, numRuns: 60 },
    );
  });

  it("on non-selective SPNs says not exact and reports the true log p of its assignment", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const artifact = randomSpn(seed, { discrete: 2 + (seed % 4), gaussians: seed % 2 });
        const { spn } = loadSpn(artifact);
        const hasSum = artifact.nodes.some((n) => n.kind === "sum");
        const evidence = partialEvidence(seed, spn.stateCount);
        const got = mpe(spn, 0, evidence);
        expect(got.exact).toBe(!hasSum);
        expect(got.logProb).toBeCloseTo(Math.log(referenceProb(artifact, 0, got.assignment)), 10);
        evidence.forEach((x, v) => Number.isNaN(x) || expect(got.assignment[v]).toBe(x));
        expect(got.assignment.every((x) => !Number.isNaN(x))).toBe(true);
      }),
      { seed: 22, numRuns: 40 },
    );
  });

  it("completes every variable with a gaussian's mean when nothing is observed in a product of leaves", () => {
    const { spn } = loadSpn({
      format: "spn",
      formatVersion: 1,
      variables: [
        { name: "t", type: "gaussian" },
        { name: "c", type: "categorical", states: ["a", "b", "c"] },
      ],
      nodes: [
        { kind: "leaf", variable: 0 },
        { kind: "leaf", variable: 1 },
        { kind: "product", children: [0, 1] },
      ],
      members: [{ weights: [], leafParams: [37.5, 0.5, 0.2, 0.5, 0.3] }],
    });
    const got = mpe(spn, 0, emptyRow(spn));
    expect([...got.assignment]).toEqual([37.5, 1]);
    expect(got.exact).toBe(true);
  });
});
