import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import type { FeatureData } from "../../../trainers/uncertainty-heads/linear-head.ts";

/**
 * Two classes at x₁ = ∓1 with x₂ ≈ 0 (noise 0.05): the data pin down the weight on x₁ and say
 * almost nothing about the weight on x₂, so an input far out along x₂ is out of support.
 */
export function toyData(seed: number, n = 40): FeatureData {
  const rng = createRng(seed);
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    x[2 * i] = (y[i] ? 1 : -1) + 0.3 * standardNormal(rng);
    x[2 * i + 1] = 0.05 * standardNormal(rng);
  }
  return { x, y, features: 2, classes: 2 };
}

export const probe = (points: number[][]): FeatureData => ({
  x: Float64Array.from(points.flat()),
  y: new Int32Array(points.length),
  features: 2,
  classes: 2,
});
