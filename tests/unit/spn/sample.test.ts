import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { emptyRow, ensembleSample, loadSpn, marginals, sample, MAX_SAMPLES } from "../../../shared/spn/index.ts";
import { randomSpn } from "./random-spn.ts";
import { chiSquarePValue, completions, referenceProb } from "./reference.ts";

const N = 4000;

/** Pearson chi-square p-value of draws against exact probabilities of the listed cells. */
function chiSquare(draws: Float64Array, V: number, cells: Float64Array[], expectedProb: number[]): number {
  const key = (row: ArrayLike<number>, offset = 0): string =>
    Array.from({ length: V }, (_, v) => row[offset + v]).join(",");
  const index = new Map(cells.map((c, i) => [key(c), i]));
  const observed = new Array<number>(cells.length).fill(0);
  for (let i = 0; i < draws.length / V; i++) {
    const cell = index.get(key(draws, i * V));
    if (cell === undefined) throw new Error(`draw ${i} is not a possible completion`);
    observed[cell]!++;
  }
  // Pool cells expected fewer than 5 times, the usual validity condition of the test.
  let [stat, dof, poolObs, poolExp] = [0, -1, 0, 0];
  expectedProb.forEach((p, i) => {
    const e = p * (draws.length / V);
    if (e < 5) [poolObs, poolExp] = [poolObs + observed[i]!, poolExp + e];
    else [stat, dof] = [stat + (observed[i]! - e) ** 2 / e, dof + 1];
  });
  if (poolExp > 0) [stat, dof] = [stat + (poolObs - poolExp) ** 2 / Math.max(poolExp, 1e-12), dof + 1];
  return chiSquarePValue(stat, Math.max(dof, 1));
}

describe("sampling", () => {
  it.each([1, 2, 3, 4, 5, 6])(
    "draws match the exact conditional p(x | e) (chi-square p > 1e-3, SPN seed %i)",
    (seed) => {
      const artifact = randomSpn(seed, { discrete: 3 + (seed % 2), selective: seed % 2 === 0 });
      const { spn } = loadSpn(artifact);
      const V = spn.variables.length;
      const evidence = emptyRow(spn);
      evidence[seed % V] = 1; // every variable has at least 2 states
      const absent = spn.variables.map((_, v) => v).filter((v) => Number.isNaN(evidence[v]!));
      const cells = completions(evidence, absent, spn.stateCount);
      const pe = referenceProb(artifact, 0, evidence);
      // Fixed seeds make this deterministic. With alpha = 1e-3 over eight such tests about 1% of
      // seed choices fail by chance: rng seed 101 on SPN 1 gave p = 8e-4, while 200,000 draws of the
      // same case gave p = 0.64 (no bias), so the seeds were moved, not the threshold.
      const draws = sample(createRng(1000 + seed), spn, 0, N, evidence);
      expect(
        chiSquare(
          draws,
          V,
          cells,
          cells.map((c) => referenceProb(artifact, 0, c) / pe),
        ),
      ).toBeGreaterThan(1e-3);
    },
  );

  it("draws without evidence match the joint (chi-square p > 1e-3)", () => {
    const artifact = randomSpn(9, { discrete: 4 });
    const { spn } = loadSpn(artifact);
    const cells = completions(emptyRow(spn), [0, 1, 2, 3], spn.stateCount);
    const draws = sample(createRng(9), spn, 0, N);
    expect(
      chiSquare(
        draws,
        4,
        cells,
        cells.map((c) => referenceProb(artifact, 0, c)),
      ),
    ).toBeGreaterThan(1e-3);
  });

  it("ensemble draws match the mixture conditional Σ_s p_s(x, e) / Σ_s p_s(e) (chi-square p > 1e-3)", () => {
    const artifact = randomSpn(10, { discrete: 3, members: 3 });
    const { spn } = loadSpn(artifact);
    const evidence = Float64Array.of(NaN, NaN, 0);
    const cells = completions(evidence, [0, 1], spn.stateCount);
    const pe = [0, 1, 2].reduce((a, s) => a + referenceProb(artifact, s, evidence), 0);
    const expected = cells.map((c) => [0, 1, 2].reduce((a, s) => a + referenceProb(artifact, s, c), 0) / pe);
    // The mean of the member conditionals (the old, unweighted answer) is a different distribution here:
    const unweighted = cells.map((c) =>
      [0, 1, 2].reduce((a, s) => a + referenceProb(artifact, s, c) / referenceProb(artifact, s, evidence) / 3, 0),
    );
    expect(Math.max(...expected.map((p, i) => Math.abs(p - unweighted[i]!)))).toBeGreaterThan(0.01);
    const draws = ensembleSample(createRng(10), spn, N, evidence);
    expect(chiSquare(draws, 3, cells, expected)).toBeGreaterThan(1e-3);
  });

  it("draws gaussians whose sample mean agrees with the posterior mean (|z| < 4)", () => {
    const { spn } = loadSpn(randomSpn(13, { discrete: 2, gaussians: 1 }));
    const evidence = Float64Array.of(1, NaN, NaN);
    const draws = sample(createRng(13), spn, 0, N, evidence);
    const xs = Array.from({ length: N }, (_, i) => draws[i * 3 + 2]!);
    const m = marginals(spn, 0, evidence, [2])[0]!;
    if (m.kind !== "gaussian") throw new Error("expected a gaussian marginal");
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(mean - m.mean) / Math.sqrt(m.variance / N)).toBeLessThan(4);
  });

  it("gives the same draws for the same seed and different draws for another", () => {
    const { spn } = loadSpn(randomSpn(14, { discrete: 3, gaussians: 1, members: 2 }));
    const a = ensembleSample(createRng(42), spn, 200);
    expect(ensembleSample(createRng(42), spn, 200)).toEqual(a);
    expect(ensembleSample(createRng(43), spn, 200)).not.toEqual(a);
    expect(sample(createRng(42), spn, 1, 50)).toEqual(sample(createRng(42), spn, 1, 50));
  });

  it("keeps observed values in every draw", () => {
    const { spn } = loadSpn(randomSpn(15, { discrete: 3, gaussians: 1 }));
    const evidence = Float64Array.of(NaN, 1, NaN, -0.5);
    const draws = sample(createRng(1), spn, 0, 300, evidence);
    for (let i = 0; i < 300; i++) expect([draws[i * 4 + 1], draws[i * 4 + 3]]).toEqual([1, -0.5]);
  });

  it("throws cap-exceeded naming MAX_SAMPLES above the cap", () => {
    const { spn } = loadSpn(randomSpn(16, { discrete: 2 }));
    expect(() => sample(createRng(1), spn, 0, MAX_SAMPLES + 1)).toThrow(
      expect.objectContaining({ code: "cap-exceeded", message: expect.stringContaining("MAX_SAMPLES") }),
    );
  });

  it("throws zero-probability-evidence when the evidence is impossible", () => {
    const { spn } = loadSpn({
      format: "spn",
      formatVersion: 1,
      variables: [{ name: "a", type: "bernoulli" }],
      nodes: [{ kind: "leaf", variable: 0 }],
      members: [{ weights: [], leafParams: [1] }],
    });
    expect(() => sample(createRng(1), spn, 0, 5, Float64Array.of(0))).toThrow(
      expect.objectContaining({ code: "zero-probability-evidence" }),
    );
  });
});
