import { describe, expect, it } from "vitest";
import { logDirichletInto, logGammaVariate } from "../../../shared/numeric/gamma.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import type { SpnArtifact } from "../../../shared/spn/artifact-schema.ts";
import {
  drawParameters,
  drawsPerMember,
  emptyRow,
  loadSpn,
  singleRow,
  spnConditional,
  spnLogProb,
  weightedQuantile,
  weightedSpread,
} from "../../../shared/spn/index.ts";
import { spread } from "../../../shared/spn/spread.ts";

/** One sum over two products of a bernoulli, a 3-state categorical and a gaussian leaf, with posterior statistics. */
function withPosterior(): SpnArtifact {
  return {
    format: "spn",
    formatVersion: 1,
    variables: [
      { name: "b", type: "bernoulli" },
      { name: "c", type: "categorical", states: ["x", "y", "z"] },
      { name: "g", type: "gaussian" },
    ],
    nodes: [
      { kind: "leaf", variable: 0 },
      { kind: "leaf", variable: 1 },
      { kind: "leaf", variable: 2 },
      { kind: "product", children: [0, 1, 2] },
      { kind: "leaf", variable: 0 },
      { kind: "leaf", variable: 1 },
      { kind: "leaf", variable: 2 },
      { kind: "product", children: [4, 5, 6] },
      { kind: "sum", children: [3, 7] },
    ],
    members: [
      {
        weights: [0.3, 0.7],
        leafParams: [0.2, 0.1, 0.3, 0.6, 40, 10, 0.6, 0.5, 0.25, 0.25, 60, 8],
        posterior: {
          sumAlpha: 1,
          sumCounts: [5, 13],
          leafPriors: [
            [1, 1],
            [1, 1, 1],
            [50, 0.01, 2, 2],
          ],
          leafStats: [4, 1, 1, 1, 3, 5, 40, 90, 9, 4, 2, 2, 7, 13, 60, 900],
        },
      },
    ],
  };
}

describe("posterior statistics in spn.json", () => {
  it("are optional: older artifacts load and answer with parameterUncertainty false", () => {
    const artifact = withPosterior();
    delete artifact.members[0]!.posterior;
    const model = loadSpn(artifact);
    expect(model.spn.posteriors).toBeNull();
    expect(drawsPerMember(model.spn)).toBe(0);
    expect(spnLogProb(model, [{ b: 1 }])[0]).toMatchObject({ uncertainty: null, parameterUncertainty: false });
  });

  it.each([
    [
      "sumCounts of the wrong length",
      (a: SpnArtifact) => a.members[0]!.posterior!.sumCounts.pop(),
      /sumCounts has 1 values, expected 2/,
    ],
    [
      "a categorical prior of the wrong length",
      (a: SpnArtifact) => a.members[0]!.posterior!.leafPriors[1]!.pop(),
      /leafPriors\[1\] \("c", categorical\) has 2 values, expected 3/,
    ],
    [
      "a non-positive concentration",
      (a: SpnArtifact) => (a.members[0]!.posterior!.leafPriors[0]![0] = 0),
      /concentrations must be finite and positive/,
    ],
    [
      "leafStats of the wrong length",
      (a: SpnArtifact) => a.members[0]!.posterior!.leafStats.push(1),
      /leafStats has 17 values, expected 16/,
    ],
    [
      "a negative count",
      (a: SpnArtifact) => (a.members[0]!.posterior!.leafStats[2] = -1),
      /leafStats\[2\] = -1 is not a count/,
    ],
  ])("reject %s naming the member", (_name, spoil, message) => {
    const artifact = withPosterior();
    spoil(artifact);
    expect(() => loadSpn(artifact, "toy")).toThrow(message);
  });

  it("draw Beta, Dirichlet and Normal-Gamma parameters with the conjugate posterior moments", () => {
    const { spn } = loadSpn(withPosterior());
    const post = spn.posteriors![0]!;
    const member = {
      logWeights: new Float64Array(spn.edgeCount),
      leafLogParams: new Float64Array(spn.members[0]!.leafLogParams.length),
    };
    const rng = createRng(5);
    const n = 20000;
    const sums = new Float64Array(6);
    for (let i = 0; i < n; i++) {
      drawParameters(rng, spn, post, member);
      const sumEdge = spn.childStart[8]!;
      sums[0] += Math.exp(member.logWeights[sumEdge]!); // Dirichlet(6, 14): mean 0.3
      sums[1] += Math.exp(member.leafLogParams[spn.leafParamStart[0]! + 1]!); // Beta(1 + 1, 1 + 4): mean 2/7
      sums[2] += Math.exp(member.leafLogParams[spn.leafParamStart[1]! + 2]!); // Dirichlet(1 + 1, 1 + 1, 1 + 3): mean 1/2
      const g = spn.leafParamStart[2]!;
      sums[3] += member.leafLogParams[g]!; // mean ~ mu_n
      sums[4] += 1 / member.leafLogParams[g + 1]! ** 2; // precision ~ Gamma(a_n, b_n): mean a_n / b_n
    }
    // Gaussian leaf (node 2): n = 5, mean 40, m2 = 90; prior mu0 = 50, kappa0 = 0.01, a0 = 2, b0 = 2.
    const kappaN = 5.01;
    const muN = (0.01 * 50 + 5 * 40) / kappaN;
    const aN = 2 + 5 / 2;
    const bN = 2 + 90 / 2 + (0.01 * 5 * (40 - 50) ** 2) / (2 * kappaN);
    expect(sums[0]! / n).toBeCloseTo(0.3, 2);
    expect(sums[1]! / n).toBeCloseTo(2 / 7, 2);
    expect(sums[2]! / n).toBeCloseTo(0.5, 2);
    expect(sums[3]! / n).toBeCloseTo(muN, 1);
    expect(sums[4]! / n / (aN / bN)).toBeCloseTo(1, 1);
  });

  it("log-gamma variates keep tiny concentrations finite and have the Gamma mean", () => {
    const rng = createRng(3);
    for (const shape of [0.02, 0.7, 1, 3.5, 40]) {
      let mean = 0;
      for (let i = 0; i < 20000; i++) mean += Math.exp(logGammaVariate(rng, shape)) / 20000;
      expect(Math.abs(mean - shape) / Math.sqrt(shape / 20000)).toBeLessThan(5);
    }
    const out = new Float64Array(3);
    logDirichletInto(rng, [0.02, 0.02, 0.02], 0, 3, out, 0);
    expect(out.every(Number.isFinite)).toBe(true);
    expect(out.reduce((a, l) => a + Math.exp(l), 0)).toBeCloseTo(1, 12);
  });

  it("give a seeded, deterministic spread that includes parameter uncertainty (wider than one member's zero)", () => {
    const model = loadSpn(withPosterior());
    const a = spnConditional(model, { b: 1 }, { c: "y" });
    const b = spnConditional(loadSpn(withPosterior()), { b: 1 }, { c: "y" });
    expect(a).toEqual(b);
    expect(a.parameterUncertainty).toBe(true);
    expect(a.uncertainty!.std).toBeGreaterThan(0.01);
    expect(a.uncertainty!.interval95[0]).toBeLessThan(a.prob);
    expect(a.uncertainty!.interval95[1]).toBeGreaterThan(a.prob);
    expect(drawsPerMember(model.spn)).toBe(128);
    expect(emptyRow(model.spn)).toHaveLength(3);
    expect(singleRow(emptyRow(model.spn)).rowCount).toBe(1);
  });
});

describe("weightedSpread", () => {
  it("equals spread() for equal weights and ignores zero weights", () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(
      weightedSpread(
        xs,
        xs.map(() => 0.125),
      ),
    ).toEqual(spread(xs));
    expect(weightedSpread([...xs, NaN], [...xs.map(() => 1), 0])).toEqual(spread(xs));
  });

  it("puts rank i of n at i / (n + 1) also with unequal weights (type 6): weights 1, 2, 1 on 1, 2, 3", () => {
    // cumulative weights 1, 3, 4 over W + W / n = 4 + 4 / 3: positions 3 / 16, 9 / 16, 12 / 16
    const total = 4;
    expect(weightedQuantile([1, 2, 3], [1, 2, 1], total, 0.1)).toBe(1);
    expect(weightedQuantile([1, 2, 3], [1, 2, 1], total, 9 / 16)).toBeCloseTo(2, 14);
    expect(weightedQuantile([1, 2, 3], [1, 2, 1], total, (3 / 16 + 9 / 16) / 2)).toBeCloseTo(1.5, 14);
    expect(weightedQuantile([1, 2, 3], [1, 2, 1], total, 0.9)).toBe(3);
  });

  it("weights like repetition: weight 2 on a value ≈ that value twice (mean, std exactly)", () => {
    const got = weightedSpread([1, 2, 10], [2, 1, 1]);
    const want = spread([1, 1, 2, 10]);
    expect(got.std).toBeCloseTo(want.std, 12);
    expect(got.interval95[1]).toBeGreaterThan(got.interval95[0]);
    expect(got.interval95[0]).toBeGreaterThanOrEqual(1);
    expect(got.interval95[1]).toBeLessThanOrEqual(10);
  });
});
