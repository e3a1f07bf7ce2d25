import { describe, expect, it } from "vitest";
import { shouldAbstain } from "../../../shared/classify/abstain.ts";
import { clopperPearsonUpper, logBinomialCdf, riskControlledThreshold } from "../../../shared/classify/risk-control.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

const choose = (n: number, k: number) => {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
};

describe("binomial tail and Clopper–Pearson bound", () => {
  it("matches the direct sum", () => {
    for (const [k, n, p] of [
      [0, 10, 0.1],
      [3, 20, 0.2],
      [7, 30, 0.5],
      [2, 400, 0.01],
    ] as const) {
      let direct = 0;
      for (let i = 0; i <= k; i++) direct += choose(n, i) * p ** i * (1 - p) ** (n - i);
      expect(Math.exp(logBinomialCdf(k, n, p))).toBeCloseTo(direct, 12);
    }
  });

  it("gives 1 − δ^(1/n) after no error in n", () => {
    expect(clopperPearsonUpper(0, 100, 0.1)).toBeCloseTo(1 - 0.1 ** (1 / 100), 9);
    expect(clopperPearsonUpper(5, 5, 0.1)).toBe(1);
  });
});

const s = (maxProb: number) => ({ maxProb, total: 1 - maxProb, epistemic: 0 });

describe("risk-controlled abstention (fixed-sequence Learn then Test)", () => {
  it("answers nothing when there are fewer examples than ⌈log δ / log(1 − ε)⌉", () => {
    // ε = 0.01, δ = 0.1: 230 error-free answers are needed before anything can be certified.
    const scores = Array.from({ length: 229 }, (_, i) => s(1 - i / 1000));
    const rule = riskControlledThreshold(
      "maxProb",
      scores,
      scores.map(() => true),
      0.99,
      0.1,
    );
    expect(rule.coverage).toBe(0);
    expect(scores.every((x) => shouldAbstain(rule, x))).toBe(true);
  });

  it("stops at the first candidate it cannot certify and puts the threshold midway", () => {
    // 300 right (most certain), then one error at rank 301, then 100 right.
    const scores = Array.from({ length: 401 }, (_, i) => s(1 - i / 1000));
    const correct = scores.map((_, i) => i !== 300);
    const rule = riskControlledThreshold("maxProb", scores, correct, 0.99, 0.1);
    // At k = 301 the p-value P(Bin(301, 0.01) <= 1) = 0.20 > δ: the sequence stops there.
    expect(rule.coverage).toBeCloseTo(300 / 401, 12);
    expect(rule.threshold).toBeCloseTo((scores[299]!.maxProb + scores[300]!.maxProb) / 2, 12);
    expect(rule.errorBound).toBeLessThanOrEqual(0.01);
    expect(shouldAbstain(rule, scores[299]!)).toBe(false);
    expect(shouldAbstain(rule, scores[300]!)).toBe(true);
  });

  it("holds the target with probability >= 1 − δ over calibration draws", () => {
    // Accuracy falls with the score: P(right | u) = 1 − 0.1u, u uniform; population answered
    // accuracy at threshold t is 1 − 0.05t. Target 0.97 is met for t <= 0.6.
    const rng = createRng(11);
    let violations = 0;
    const R = 300;
    for (let r = 0; r < R; r++) {
      const u = Array.from({ length: 1000 }, () => rng.nextFloat());
      const correct = u.map((x) => rng.nextFloat() > 0.1 * x);
      const rule = riskControlledThreshold(
        "total",
        u.map((x) => ({ total: x, epistemic: 0, maxProb: 1 - x })),
        correct,
        0.97,
        0.1,
      );
      if (rule.coverage > 0 && rule.threshold > 0.6) violations++;
    }
    expect(violations / R).toBeLessThanOrEqual(0.1);
  });
});
