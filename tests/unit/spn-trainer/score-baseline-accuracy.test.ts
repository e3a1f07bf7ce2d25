import { describe, expect, it } from "vitest";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { gaussianClassifierAccuracy } from "../../../trainers/spn/score-baseline-accuracy.ts";
import type { BaselineColumn } from "../../../trainers/spn/score-baselines.ts";

const columns: BaselineColumn[] = [
  { name: "x", kind: "gaussian", states: [] },
  { name: "y", kind: "gaussian", states: [] },
  { name: "label", kind: "discrete", states: ["a", "b"] },
];

/** Rows of two classes with equal means that differ only in correlation (+0.95 vs -0.95), or in mean. */
function table(n: number, seed: number, shift = 0): string[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 2 === 0 ? "a" : "b";
    const rho = shift === 0 ? (label === "a" ? 0.95 : -0.95) : 0;
    const u = standardNormal(rng);
    const v = rho * u + Math.sqrt(1 - rho * rho) * standardNormal(rng);
    const m = label === "a" ? 0 : shift;
    return [String(u + m), String(v + m), label];
  });
}

describe("spn:score's class-conditional Gaussian accuracy baselines", () => {
  it("only QDA separates classes that differ in correlation alone; all three separate shifted means", () => {
    const corr = gaussianClassifierAccuracy(columns, 2, table(400, 1), table(400, 2));
    expect(corr.labelled).toBe(400);
    expect(corr.qda).toBeGreaterThan(0.8);
    expect(corr.naiveBayes).toBeLessThan(0.65);
    expect(corr.lda).toBeLessThan(0.65);
    const shifted = gaussianClassifierAccuracy(columns, 2, table(400, 3, 4), table(400, 4, 4));
    for (const acc of [shifted.naiveBayes, shifted.qda, shifted.lda]) expect(acc).toBeGreaterThan(0.95);
  });

  it("marginalises missing cells and skips unlabelled test rows", () => {
    const test = table(200, 5, 4).map((r, i) =>
      i % 3 === 0 ? ["", r[1]!, r[2]!] : i % 7 === 0 ? [r[0]!, r[1]!, "?"] : r,
    );
    const acc = gaussianClassifierAccuracy(columns, 2, table(400, 6, 4), test);
    expect(acc.labelled).toBe(test.filter((r) => r[2] !== "?").length);
    expect(acc.naiveBayes).toBeGreaterThan(0.9);
  });
});
