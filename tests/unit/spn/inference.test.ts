import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { conditional, emptyRow, loadSpn, logProbBatch, logProbBatchJs, logProbRow } from "../../../shared/spn/index.ts";
import { randomSpn } from "./random-spn.ts";
import { batchOf, completions, referenceProb } from "./reference.ts";

/** a is always "on" (p = 1): any evidence with a = off has probability zero. */
const ALWAYS_ON = {
  format: "spn",
  formatVersion: 1,
  variables: [
    { name: "a", type: "bernoulli" },
    { name: "b", type: "bernoulli" },
  ],
  nodes: [
    { kind: "leaf", variable: 0 },
    { kind: "leaf", variable: 1 },
    { kind: "sum", children: [0, 0] },
    { kind: "product", children: [2, 1] },
  ],
  members: [{ weights: [0.5, 0.5], leafParams: [1, 0.5] }],
};

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const runs = { seed: 7, numRuns: 40 };

/** A random row: each variable absent with probability 1/3, else a random state or value. */
function randomRow(seed: number, stateCount: Int32Array): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(stateCount, (k) =>
    rng.nextFloat() < 1 / 3 ? NaN : k === 0 ? 6 * rng.nextFloat() - 3 : uniformInt(rng, k),
  );
}

describe("upward pass", () => {
  it("matches the literal network polynomial for single rows and for batches in any chunking", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const artifact = randomSpn(seed, { discrete: 1 + (seed % 5), gaussians: seed % 3 });
        const { spn } = loadSpn(artifact);
        const rows = Array.from({ length: 7 }, (_, r) => randomRow(seed + r, spn.stateCount));
        const expected = rows.map((row) => Math.log(referenceProb(artifact, 0, row)));
        const batch = batchOf(rows, spn.variables.length);
        for (const chunk of [1, 3, 7]) {
          const got = logProbBatchJs(spn, 0, batch, chunk);
          expected.forEach((e, r) => expect(got[r]).toBeCloseTo(e, 9));
        }
        rows.forEach((row, r) => expect(logProbRow(spn, 0, row)).toBeCloseTo(expected[r]!, 9));
      }),
      runs,
    );
  });

  it("gives a joint that sums to 1 over all complete assignments", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { spn } = loadSpn(randomSpn(seed, { discrete: 1 + (seed % 5) }));
        const all = completions(
          emptyRow(spn),
          spn.variables.map((_, v) => v),
          spn.stateCount,
        );
        const logP = logProbBatch(spn, 0, batchOf(all, spn.variables.length));
        expect(logP.reduce((a, l) => a + Math.exp(l), 0)).toBeCloseTo(1, 12);
      }),
      runs,
    );
  });

  it("gives a marginal equal to the sum of the joints over the absent variables", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { spn } = loadSpn(randomSpn(seed, { discrete: 2 + (seed % 4) }));
        const row = randomRow(seed, spn.stateCount);
        const absent = spn.variables.map((_, v) => v).filter((v) => Number.isNaN(row[v]!));
        const joints = completions(row, absent, spn.stateCount).map((r) => Math.exp(logProbRow(spn, 0, r)));
        expect(Math.exp(logProbRow(spn, 0, row))).toBeCloseTo(
          joints.reduce((a, b) => a + b, 0),
          12,
        );
      }),
      runs,
    );
  });

  it("returns -Infinity, not an error, for evidence of probability zero", () => {
    const { spn } = loadSpn(ALWAYS_ON);
    const rows = [Float64Array.of(0, NaN), Float64Array.of(0, 1), Float64Array.of(1, 1), Float64Array.of(NaN, NaN)];
    expect([...logProbBatchJs(spn, 0, batchOf(rows, 2), 4)]).toEqual([-Infinity, -Infinity, Math.log(0.5), 0]);
    expect(rows.map((row) => logProbRow(spn, 0, row))).toEqual([-Infinity, -Infinity, Math.log(0.5), 0]);
  });
});

describe("conditional", () => {
  it("is normalised over every completion of the query variables", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { spn } = loadSpn(randomSpn(seed, { discrete: 2 + (seed % 4), gaussians: seed % 2 }));
        const evidence = randomRow(seed, spn.stateCount);
        const queryVars = spn.variables
          .map((_, v) => v)
          .filter((v) => Number.isNaN(evidence[v]!) && spn.stateCount[v]! > 0);
        if (logProbRow(spn, 0, evidence) === -Infinity) return;
        const total = completions(emptyRow(spn), queryVars, spn.stateCount)
          .map((q) => Math.exp(conditional(spn, 0, q, evidence).logProb))
          .reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 12);
      }),
      runs,
    );
  });

  it("throws zero-probability-evidence when p(e) = 0", () => {
    const { spn } = loadSpn(ALWAYS_ON);
    expect(() => conditional(spn, 0, Float64Array.of(NaN, 1), Float64Array.of(0, NaN))).toThrow(
      expect.objectContaining({
        code: "zero-probability-evidence",
        issues: [expect.objectContaining({ pointer: "/evidence" })],
      }),
    );
  });
});
