import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { loadSpn, marginals } from "../../../shared/spn/index.ts";
import { randomSpn } from "./random-spn.ts";
import { referenceProb } from "./reference.ts";

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const runs = { seed: 11, numRuns: 40 };

/** Discrete evidence on a random subset of the discrete variables; gaussians stay absent. */
function discreteEvidence(seed: number, stateCount: Int32Array): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(stateCount, (k) => (k > 0 && rng.nextFloat() < 0.4 ? uniformInt(rng, k) : NaN));
}

describe("marginals (one upward + one downward pass)", () => {
  it("equal p(X = x | e) by enumeration for every discrete variable and state", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const artifact = randomSpn(seed, { discrete: 1 + (seed % 5), gaussians: seed % 2 });
        const { spn } = loadSpn(artifact);
        const evidence = discreteEvidence(seed, spn.stateCount);
        const pe = referenceProb(artifact, 0, evidence);
        for (const m of marginals(spn, 0, evidence)) {
          if (m.kind !== "discrete") continue;
          m.probabilities.forEach((p, x) => {
            const row = evidence.slice();
            row[m.variable] = x;
            const expected = m.observed ? (evidence[m.variable] === x ? 1 : 0) : referenceProb(artifact, 0, row) / pe;
            expect(p).toBeCloseTo(expected, 10);
          });
        }
      }),
      runs,
    );
  });

  it("give the exact mean and variance of an unobserved gaussian's posterior mixture", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const artifact = randomSpn(seed, { discrete: 1 + (seed % 3), gaussians: 1 + (seed % 2) });
        const { spn } = loadSpn(artifact);
        const evidence = discreteEvidence(seed, spn.stateCount);
        const g = spn.variables.findIndex((v) => v.type === "gaussian");
        // Trapezoid rule on p(x, e): exponentially accurate for gaussian mixtures on a wide grid.
        let [z, m1, m2] = [0, 0, 0];
        for (let x = -25; x <= 25; x += 0.02) {
          const row = evidence.slice();
          row[g] = x;
          const p = referenceProb(artifact, 0, row);
          [z, m1, m2] = [z + p, m1 + p * x, m2 + p * x * x];
        }
        const got = marginals(spn, 0, evidence, [g])[0]!;
        if (got.kind !== "gaussian") throw new Error("expected a gaussian marginal");
        expect(got.mean).toBeCloseTo(m1 / z, 7);
        expect(got.variance).toBeCloseTo(m2 / z - (m1 / z) ** 2, 7);
      }),
      { seed: 12, numRuns: 15 },
    );
  });

  it("put probability 1 on an observed state and report an observed gaussian's value", () => {
    const { spn } = loadSpn(randomSpn(5, { discrete: 3, gaussians: 1 }));
    const evidence = Float64Array.of(1, NaN, NaN, 0.25);
    const [first, , , gaussian] = marginals(spn, 0, evidence);
    expect(first).toMatchObject({ observed: true });
    expect(first!.kind === "discrete" && [...first!.probabilities]).toEqual([
      0,
      1,
      ...Array(spn.stateCount[0]! - 2).fill(0),
    ]);
    expect(gaussian).toMatchObject({ kind: "gaussian", observed: true, mean: 0.25, variance: 0 });
  });

  it("return only the requested variables, in the requested order", () => {
    const { spn } = loadSpn(randomSpn(6, { discrete: 4 }));
    const got = marginals(spn, 0, new Float64Array(4).fill(NaN), [3, 1]);
    expect(got.map((m) => m.variable)).toEqual([3, 1]);
  });
});
