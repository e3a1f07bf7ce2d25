import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { cholesky, ggnPrecision, sampleLaplaceHead } from "../../../trainers/classifier-demo/laplace.ts";

describe("last-layer Laplace", () => {
  it("factors a symmetric positive-definite matrix: L Lᵀ = A", () => {
    const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
    const l = cholesky(a, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += l[i * 3 + k]! * l[j * 3 + k]!;
        expect(s).toBeCloseTo(a[i * 3 + j]!, 12);
      }
  });

  it("draws antithetic members whose parameter mean is exactly the MAP head", () => {
    const map = { classes: 2, features: 2, w: Float64Array.from([1, -1, 0.5, 2]), b: Float64Array.from([0.1, -0.1]) };
    const features = Float64Array.from([1, 0, 0, 1, 1, 1, 2, 0.5]);
    const head = sampleLaplaceHead(createRng(1), map, ggnPrecision(map, features, 4, 1), 6);
    expect(head.weights).toHaveLength(6 * 4);
    for (let k = 0; k < 4; k++) {
      const mean = [0, 1, 2, 3, 4, 5].reduce((s, m) => s + head.weights[m * 4 + k]!, 0) / 6;
      expect(mean).toBeCloseTo(map.w[k]!, 12);
    }
  });
});
