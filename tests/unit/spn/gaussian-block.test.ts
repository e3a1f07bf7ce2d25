import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import {
  blockConditionalMean,
  blockConditionalSample,
  blockConditionalVariance,
  blockLogDensity,
  createGaussianBlock,
  drawNiwBlock,
} from "../../../shared/spn/gaussian-block.ts";
import { choleskyInto } from "../../../shared/numeric/cholesky.ts";

// A correlated 3-d covariance (r = 0.9 between the first two, as wdbc's radius and perimeter).
const MEAN = [1.5, -0.4, 2.0];
const COV = [1.0, 0.9, 0.3, 0.9, 1.2, 0.1, 0.3, 0.1, 0.8];
const scratch = new Float64Array(8);

/** log N(x; m, v) of one dimension: the closed form a 1-d block must reproduce. */
const normal1 = (x: number, m: number, v: number): number => -0.5 * Math.log(2 * Math.PI * v) - (x - m) ** 2 / (2 * v);

describe("multivariate Gaussian block (served leaf operations, not yet wired into CompiledSpn)", () => {
  it("a 1-d block is the univariate Gaussian", () => {
    const b = createGaussianBlock([0.7], [2.5]);
    expect(blockLogDensity(b, [1.9], scratch)).toBeCloseTo(normal1(1.9, 0.7, 2.5), 13);
  });

  it("marginalising a missing dimension equals integrating it out numerically (1e-8)", () => {
    const b = createGaussianBlock(MEAN, COV);
    const x = [1.1, Number.NaN, 2.4];
    const marginal = blockLogDensity(b, x, scratch);
    let integral = 0;
    const h = 1e-3;
    for (let v = -12; v <= 12; v += h) integral += Math.exp(blockLogDensity(b, [1.1, v, 2.4], scratch)) * h;
    expect(Math.log(integral)).toBeCloseTo(marginal, 8);
    // and the 1-d marginal of a single observed dimension is N(mean_0, Sigma_00)
    expect(blockLogDensity(b, [0.2, Number.NaN, Number.NaN], scratch)).toBeCloseTo(normal1(0.2, MEAN[0]!, COV[0]!), 13);
    expect(blockLogDensity(b, [Number.NaN, Number.NaN, Number.NaN], scratch)).toBe(0);
  });

  it("conditional = exp(logprob(q, e) - logprob(e)): the conditional Gaussian's moments agree", () => {
    const b = createGaussianBlock(MEAN, COV);
    const e = [1.1, Number.NaN, Number.NaN];
    const out = new Float64Array(3);
    const pat = blockConditionalMean(b, e, out);
    // Closed form, dimension 1 given dimension 0: mean_1 + S10 / S00 (x0 - mean_0), S11 - S10^2 / S00.
    expect(out[1]).toBeCloseTo(MEAN[1]! + (0.9 / 1.0) * (1.1 - MEAN[0]!), 13);
    expect(blockConditionalVariance(pat, 0)).toBeCloseTo(1.2 - 0.81, 13);
    // Through the density: log p(x1, x0) - log p(x0) is the conditional density of x1 everywhere.
    for (const x1 of [-2, -0.1, 0.8, 3]) {
      const joint = blockLogDensity(b, [1.1, x1, Number.NaN], scratch) - blockLogDensity(b, e, scratch);
      expect(joint).toBeCloseTo(normal1(x1, out[1]!, blockConditionalVariance(pat, 0)), 12);
    }
  });

  it("conditional samples have the conditional mean and covariance (20k draws)", () => {
    const b = createGaussianBlock(MEAN, COV);
    const rng = createRng(3);
    const e = [Number.NaN, Number.NaN, 2.4];
    const exact = new Float64Array(3);
    const pat = blockConditionalMean(b, e, exact);
    const out = new Float64Array(3);
    const N = 20_000;
    const m = [0, 0];
    const s = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      blockConditionalSample(rng, b, e, out);
      expect(out[2]).toBe(2.4);
      const [d0, d1] = [out[0]! - exact[0]!, out[1]! - exact[1]!];
      m[0]! += d0 / N;
      m[1]! += d1 / N;
      s[0]! += (d0 * d0) / N;
      s[1]! += (d0 * d1) / N;
      s[2]! += (d1 * d1) / N;
    }
    expect(Math.abs(m[0]!)).toBeLessThan(0.03);
    expect(Math.abs(m[1]!)).toBeLessThan(0.03);
    // Conditional covariance given dim 2: S_UU - S_U2 S_2U / S_22.
    expect(s[0]).toBeCloseTo(1.0 - 0.09 / 0.8, 1);
    expect(s[1]).toBeCloseTo(0.9 - 0.03 / 0.8, 1);
    expect(s[2]).toBeCloseTo(1.2 - 0.01 / 0.8, 1);
    expect(blockConditionalVariance(pat, 1)).toBeCloseTo(1.2 - 0.01 / 0.8, 12);
  });

  it("caches one factorisation per missing pattern", () => {
    const b = createGaussianBlock(MEAN, COV);
    for (let i = 0; i < 50; i++) blockLogDensity(b, [i, Number.NaN, -i], scratch);
    blockLogDensity(b, [1, 2, 3], scratch);
    expect(b.patterns.size).toBe(2);
  });

  it("NIW posterior draws: E[Sigma] = Psi / (nu - p - 1), E[mean] = mu_n (4,000 draws)", () => {
    const psi = [2.0, 1.2, 0.0, 1.2, 1.5, 0.4, 0.0, 0.4, 1.0];
    const psiChol = new Float64Array(9);
    choleskyInto(psi, 0, 3, psiChol, 0);
    const nu = 12;
    const rng = createRng(9);
    const meanSigma = new Float64Array(9);
    const meanMu = new Float64Array(3);
    const N = 4000;
    for (let i = 0; i < N; i++) {
      const d = drawNiwBlock(rng, MEAN, 5, nu, psiChol);
      d.cov.forEach((v, k) => (meanSigma[k]! += v / N));
      d.mean.forEach((v, k) => (meanMu[k]! += v / N));
    }
    psi.forEach((v, k) => expect(meanSigma[k]!).toBeCloseTo(v / (nu - 3 - 1), 1));
    MEAN.forEach((v, k) => expect(meanMu[k]!).toBeCloseTo(v, 1));
  });
});
