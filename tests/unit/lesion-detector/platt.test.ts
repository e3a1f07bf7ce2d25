import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { detectionEce, fitPlatt } from "../../../trainers/lesion-detector/platt.ts";

describe("Platt scaling of detection peaks", () => {
  it("recovers a known logistic link and stays finite on separable and degenerate sets", () => {
    const rng = createRng(2);
    const samples = Array.from({ length: 4000 }, () => {
      const score = 0.02 + 0.96 * rng.nextFloat();
      const z = Math.log(score / (1 - score));
      return { score, hit: rng.nextFloat() < 1 / (1 + Math.exp(-(0.6 * z - 0.8))) };
    });
    const { a, b } = fitPlatt(samples);
    expect(a).toBeCloseTo(0.6, 1);
    expect(b).toBeCloseTo(-0.8, 1);
    const separable = fitPlatt([0.1, 0.2, 0.3, 0.7, 0.8, 0.9].map((score) => ({ score, hit: score > 0.5 })));
    expect(Number.isFinite(separable.a) && separable.a > 0 && Math.abs(separable.a) < 1e4).toBe(true);
    const saturated = fitPlatt([1, 1, 1, 0.9999999, 0.5].map((score, i) => ({ score, hit: i % 2 === 0 })));
    expect(Number.isFinite(saturated.a) && Number.isFinite(saturated.b)).toBe(true);
  });

  it("ECE is 0 for perfectly calibrated bins and the gap otherwise", () => {
    const calibrated = [0.25, 0.25, 0.25, 0.25].map((confidence, i) => ({ confidence, hit: i === 0 }));
    expect(detectionEce(calibrated)).toBeCloseTo(0, 12);
    expect(detectionEce([{ confidence: 0.9, hit: false }])).toBeCloseTo(0.9, 12);
  });
});
