import { describe, expect, it } from "vitest";
import {
  fitDirichletMultinomial,
  fitNormalGamma,
  normalGammaGroupsObjective,
  normalGammaLogMarginal,
} from "../../../trainers/spn/hyper-conjugate.ts";
import { logGamma } from "../../../trainers/spn/special.ts";

/**
 * p(x_1..n) = ∫∫ prod_i N(x_i; mu, 1/lambda) NG(mu, lambda | mu0, kappa0, a0, b0) dmu dlambda by
 * the trapezoid rule on mu in [-12, 12] and log lambda in [-14, 8] (a 1200 x 1200 grid), against
 * the closed form used by the sampler's Normal–Gamma leaves.
 */
function numericalLogMarginal(prior: readonly number[], xs: readonly number[]): number {
  const [mu0, kappa0, a0, b0] = prior as [number, number, number, number];
  const M = 1200;
  const logNormGamma = a0 * Math.log(b0) - logGamma(a0);
  const terms: number[] = [];
  for (let i = 0; i <= M; i++) {
    const mu = -12 + (24 * i) / M;
    for (let j = 0; j <= M; j++) {
      const u = -14 + (22 * j) / M;
      const lambda = Math.exp(u);
      let log = logNormGamma + (a0 - 1) * u - b0 * lambda; // Gamma(lambda | a0, rate b0)
      log += 0.5 * Math.log((kappa0 * lambda) / (2 * Math.PI)) - (kappa0 * lambda * (mu - mu0) ** 2) / 2; // N(mu | mu0, 1/(kappa0 lambda))
      for (const x of xs) log += 0.5 * Math.log(lambda / (2 * Math.PI)) - (lambda * (x - mu) ** 2) / 2;
      log += u; // d lambda = lambda du
      const w = (i === 0 || i === M ? 0.5 : 1) * (j === 0 || j === M ? 0.5 : 1);
      terms.push(log + Math.log(w));
    }
  }
  const mx = terms.reduce((m, v) => Math.max(m, v), -Infinity);
  return mx + Math.log(terms.reduce((s, v) => s + Math.exp(v - mx), 0)) + Math.log((24 / M) * (22 / M));
}

const moments = (xs: readonly number[]) => ({
  n: xs.length,
  sum: xs.reduce((a, v) => a + v, 0),
  sumSq: xs.reduce((a, v) => a + v * v, 0),
});

describe("Normal–Gamma leaf marginal likelihood", () => {
  it.each([
    [
      [0.3, 0.7, 1.6, 0.8],
      [0.4, -1.3, 0.9],
    ],
    [
      [-1, 2.5, 3, 2],
      [-0.2, -2.1, -1.4, 0.3, -0.9],
    ],
    [[0, 1, 2, 0.5], [1.7]],
  ])("closed form matches numerical integration (prior %j, data %j)", (prior, xs) => {
    expect(normalGammaLogMarginal(prior, moments(xs))).toBeCloseTo(numericalLogMarginal(prior, xs), 4);
  });

  it("type-II ML recovers a prior that explains the groups better than the start", () => {
    const groups = [
      [2.1, 2.3, 1.9],
      [-0.4, -0.6],
      [0.9, 1.2, 1.0, 1.1],
      [3.0, 2.8],
    ].map(moments);
    const start = [0, 1, 1, 1];
    const fitted = fitNormalGamma(groups, start);
    const total = (p: readonly number[]) => groups.reduce((s, g) => s + normalGammaLogMarginal(p, g), 0);
    expect(total(fitted)).toBeGreaterThan(total(start) + 1);
    // A local maximum: a step in any coordinate does not improve it.
    for (let i = 0; i < 4; i++)
      for (const f of [0.97, 1.03])
        expect(total(fitted.map((v, j) => (j === i ? (i === 0 ? v + f - 1 : v * f) : v)))).toBeLessThanOrEqual(
          total(fitted) + 1e-6,
        );
  });

  it("the fit's objective equals the sum of the groups' log marginals bit for bit (the fitted prior must not move)", () => {
    const groups = [[2.1, 2.3, 1.9], [-0.4], [], [0.9, 1.2, 1.0, 1.1], [3.0, 2.8], [5, 5]].map(moments);
    const objective = normalGammaGroupsObjective(groups);
    for (const prior of [
      [0, 1, 1, 1],
      [0.3, 0.02, 7.5, 0.004],
      [-2, 40, 0.6, 300],
    ])
      expect(
        Object.is(
          objective(prior),
          groups.filter((g) => g.n > 0).reduce((s, g) => s + normalGammaLogMarginal(prior, g), 0),
        ),
      ).toBe(true);
  });
});

describe("Dirichlet–multinomial type-II ML", () => {
  it("reduces to the Beta–Binomial fit for two states and ranks frequent states higher", () => {
    const groups = [
      [5, 1, 0],
      [4, 2, 1],
      [6, 0, 1],
      [3, 3, 0],
    ];
    const alpha = fitDirichletMultinomial(groups, [1, 1, 1]);
    expect(alpha[0]).toBeGreaterThan(alpha[1]!);
    expect(alpha[1]).toBeGreaterThan(alpha[2]!);
  });
});
