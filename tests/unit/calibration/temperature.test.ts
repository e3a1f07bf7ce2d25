import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BETA_MAX, fitTemperature, nllDerivatives } from "../../../shared/calibration/temperature.ts";
import { createRng, standardNormal, uniformInt } from "../../../shared/numeric/rng.ts";

/** Over-confident logits: a decent classifier whose logits are scaled by `scale`. */
function overconfident(seed: number, n: number, classes: number, scale: number) {
  const rng = createRng(seed);
  const logits = new Float64Array(n * classes);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = uniformInt(rng, classes);
    for (let c = 0; c < classes; c++)
      logits[i * classes + c] = scale * (standardNormal(rng) + (c === labels[i] ? 1.5 : 0));
  }
  return { logits, labels };
}

/** The minimiser of NLL(beta) on a fine log-spaced grid, refined by a second finer grid. */
function gridSearch(logits: Float64Array, labels: Int32Array, classes: number): number {
  const best = (from: number, to: number, steps: number) => {
    let arg = from;
    let min = Infinity;
    for (let k = 0; k <= steps; k++) {
      const beta = from * (to / from) ** (k / steps);
      const nll = nllDerivatives(logits, labels, classes, beta).nll;
      if (nll < min) [min, arg] = [nll, beta];
    }
    return arg;
  };
  const coarse = best(0.01, 100, 600); // steps of 1.5 %
  return best(coarse * 0.98, coarse * 1.02, 600);
}

describe("temperature scaling by safeguarded Newton", () => {
  it("agrees with a fine grid search on NLL(beta)", () => {
    for (const [seed, scale] of [
      [1, 4],
      [2, 0.5],
      [3, 1],
    ] as const) {
      const { logits, labels } = overconfident(seed, 400, 4, scale);
      const fit = fitTemperature(logits, labels, 4);
      expect(fit.beta / gridSearch(logits, labels, 4)).toBeCloseTo(1, 4);
      expect(fit.nllAfter).toBeLessThanOrEqual(fit.nllBefore + 1e-12);
      expect(fit.iterations).toBeLessThan(20);
    }
  });

  it("finds T > 1 for logits made over-confident by scaling", () => {
    const { logits, labels } = overconfident(5, 2000, 3, 5);
    expect(fitTemperature(logits, labels, 3).temperature).toBeGreaterThan(3);
  });

  it("has zero gradient at the fitted beta (first-order optimality)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.2, max: 5, noNaN: true }), (seed, scale) => {
        const { logits, labels } = overconfident(seed, 200, 3, scale);
        const fit = fitTemperature(logits, labels, 3);
        expect(Math.abs(nllDerivatives(logits, labels, 3, fit.beta).gradient)).toBeLessThan(1e-9);
      }),
      { seed: 11, numRuns: 30 },
    );
  });

  it("stays finite for separable data, where NLL keeps falling as beta grows", () => {
    const logits = new Float64Array([2, 0, 0, 2]);
    const fit = fitTemperature(logits, new Int32Array([0, 1]), 2);
    expect(fit.beta).toBeGreaterThan(10);
    expect(fit.beta).toBeLessThanOrEqual(BETA_MAX);
    expect(fit.nllAfter).toBeLessThan(1e-10);
  });

  it("matches hand derivatives for one example: NLL = log(1 + e^{-beta})", () => {
    const d = nllDerivatives([1, 0], [0], 2, 2);
    const q = 1 / (1 + Math.exp(2)); // p(wrong class) at beta = 2
    expect(d.nll).toBeCloseTo(Math.log(1 + Math.exp(-2)), 12);
    expect(d.gradient).toBeCloseTo(-q, 12); // E_p[z] − z_y = (1 − q) − 1
    expect(d.curvature).toBeCloseTo(q * (1 - q), 12); // Bernoulli variance of z ∈ {0, 1}
  });
});
