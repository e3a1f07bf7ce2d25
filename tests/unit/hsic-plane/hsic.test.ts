import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../../shared/numeric/rng.ts";
import { medianDistance, normalisedHsic, squaredDistances } from "../../../trainers/hsic-plane/hsic.ts";

function gaussian(rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.nextFloat()));
    const t = 2 * Math.PI * rng.nextFloat();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

describe("normalised HSIC (biased estimator, Gaussian kernels, median heuristic)", () => {
  const n = 200;
  const rng = createRng(20);
  const x = gaussian(rng, n * 3);
  const y = gaussian(rng, n * 2);

  it("is 1 for identical samples", () => {
    expect(normalisedHsic(x, 3, x, 3, n)).toBeCloseTo(1, 10);
  });

  it("is near 0 for independent samples", () => {
    // The biased estimator's floor is O(1/n): a few hundredths at n = 200.
    expect(normalisedHsic(x, 3, y, 2, n)).toBeLessThan(0.05);
  });

  it("sees a non-linear dependence that correlation misses (y = x^2 + noise, uncorrelated with x)", () => {
    const x1 = gaussian(rng, n);
    const noise = gaussian(rng, n);
    const sq = x1.map((v, i) => v * v + 0.1 * noise[i]!);
    expect(normalisedHsic(x1, 1, sq, 1, n)).toBeGreaterThan(0.3);
  });

  it("is invariant to rescaling one side (the median heuristic rescales the kernel)", () => {
    const scaled = y.map((v) => 1000 * v);
    expect(normalisedHsic(x, 3, scaled, 2, n)).toBeCloseTo(normalisedHsic(x, 3, y, 2, n), 10);
  });

  it("takes the median of pairwise distances", () => {
    const pts = Float64Array.from([0, 1, 3]); // distances 1, 2, 3
    expect(medianDistance(squaredDistances(pts, 3, 1), 3)).toBeCloseTo(2, 12);
  });
});
