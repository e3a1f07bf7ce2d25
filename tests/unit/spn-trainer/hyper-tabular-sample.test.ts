import { describe, expect, it } from "vitest";
import { createRng, type Rng, standardNormal } from "../../../shared/numeric/rng.ts";
import { BETA_BOUNDS } from "../../../trainers/spn/hyper-beta.ts";
import { betaBinomialLogLik } from "../../../trainers/spn/hyper-beta-sample.ts";
import { NG_BOUNDS, normalGammaLogMarginal, type MomentGroup } from "../../../trainers/spn/hyper-conjugate.ts";
import {
  dirichletMultinomialLogLik,
  logDirichletHyperprior,
  sampleDirichlet,
  sampleNormalGamma,
} from "../../../trainers/spn/hyper-tabular-sample.ts";
import { train } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";
import { tinyTable } from "./tiny-tabular.ts";

/** Log-logistic with median 1 (density 1 / (1 + x)^2), drawn by inverting its CDF x / (1 + x). */
const logLogistic = (rng: Rng): number => {
  const u = rng.nextFloat();
  return u / (1 - u);
};

/**
 * Posterior means of the sampled coordinates, written independently of the sampler: draws from
 * the hyperprior as it is defined (not its log density), kept inside the support, weighted by the
 * groups' marginal likelihood (self-normalised importance sampling).
 */
function importanceMeans(
  rng: Rng,
  draws: number,
  drawPrior: (rng: Rng) => number[] | null,
  logLik: (p: number[]) => number,
  coords: (p: number[]) => number[],
): number[] {
  const points: number[][] = [];
  const logW: number[] = [];
  for (let i = 0; i < draws; i++) {
    const p = drawPrior(rng);
    if (p === null) continue;
    points.push(coords(p));
    logW.push(logLik(p));
  }
  const max = Math.max(...logW);
  const w = logW.map((l) => Math.exp(l - max));
  const total = w.reduce((a, v) => a + v, 0);
  return points[0]!.map((_, j) => points.reduce((a, x, i) => a + w[i]! * x[j]!, 0) / total);
}

/** Long-run means of the sampled coordinates of a one-step-at-a-time chain, after a warm-up. */
function chainMeans(start: number[], step: (p: number[]) => number[], coords: (p: number[]) => number[]): number[] {
  let p = start;
  for (let t = 0; t < 500; t++) p = step(p);
  const sum = coords(p).map(() => 0);
  const n = 200_000;
  for (let t = 0; t < n; t++) {
    p = step(p);
    coords(p).forEach((v, j) => (sum[j]! += v / n));
  }
  return sum;
}

describe("sampling a mixed table's Dirichlet and Normal–Gamma leaf priors given the leaf groups", () => {
  it("with two states is the Beta pair's target (likelihood exactly, hyperprior up to a constant)", () => {
    const groups = [
      [3, 4],
      [0, 9],
      [5, 0],
    ];
    const target = (a0: number, a1: number): number =>
      dirichletMultinomialLogLik(groups, [a0, a1]) + logDirichletHyperprior([Math.log(a0), Math.log(a1)]);
    // The binary hyperprior in (log a, log b): -2 log(1 + s) - log s + log a + log b (hyper-beta-sample.ts).
    const beta = (a0: number, a1: number): number => {
      const s = a0 + a1;
      return betaBinomialLogLik([4, 9, 0], [7, 9, 5], a1, a0) - 2 * Math.log1p(s) - Math.log(s) + Math.log(a0 * a1);
    };
    expect(dirichletMultinomialLogLik(groups, [0.7, 2.5])).toBeCloseTo(
      betaBinomialLogLik([4, 9, 0], [7, 9, 5], 2.5, 0.7),
      12,
    );
    const offset = target(1, 1) - beta(1, 1);
    for (const [a0, a1] of [
      [0.05, 3],
      [12, 0.4],
      [200, 150],
    ] as const)
      expect(target(a0, a1) - beta(a0, a1)).toBeCloseTo(offset, 10);
  });

  it("Dirichlet (3 states): the chain's stationary law is the posterior under the hyperprior", () => {
    const groups = [
      [4, 1, 0],
      [2, 2, 1],
      [0, 1, 6],
      [3, 0, 0],
    ];
    const inBounds = (a: number[]): boolean => a.every((v) => v >= BETA_BOUNDS.min && v <= BETA_BOUNDS.max);
    const drawPrior = (rng: Rng): number[] | null => {
      const e = [0, 1, 2].map(() => -Math.log(rng.nextFloat())); // uniform on the simplex
      const total = e[0]! + e[1]! + e[2]!;
      const s = logLogistic(rng);
      const alpha = e.map((v) => (s * v) / total);
      return inBounds(alpha) ? alpha : null;
    };
    const logs = (a: number[]): number[] => a.map(Math.log);
    const want = importanceMeans(createRng(3), 400_000, drawPrior, (a) => dirichletMultinomialLogLik(groups, a), logs);
    const rng = createRng(4);
    const got = chainMeans([1, 1, 1], (a) => sampleDirichlet(rng, groups, a, 1), logs);
    for (let k = 0; k < 3; k++) expect(Math.abs(got[k]! - want[k]!)).toBeLessThan(0.06);
  }, 60_000);

  it("Normal–Gamma: the chain's stationary law is the posterior under the hyperprior", () => {
    const groups: MomentGroup[] = [
      // Group means near 2.5, far from mu0's prior mean: a wrong hyperprior moves the answer (N(0, 1) by 0.23).
      { n: 3, sum: 7.5, sumSq: 19.5 },
      { n: 2, sum: 5.4, sumSq: 14.9 },
      { n: 4, sum: 9.2, sumSq: 22 },
    ];
    const inBounds = (p: number[]): boolean => p.every((v, i) => v >= NG_BOUNDS[i]![0] && v <= NG_BOUNDS[i]![1]);
    const drawPrior = (rng: Rng): number[] | null => {
      const p = [2 * standardNormal(rng), logLogistic(rng), logLogistic(rng), logLogistic(rng)];
      return inBounds(p) ? p : null;
    };
    const logLik = (p: number[]): number => groups.reduce((a, g) => a + normalGammaLogMarginal(p, g), 0);
    const coords = (p: number[]): number[] => [p[0]!, p[0]! ** 2, Math.log(p[1]!), Math.log(p[2]!), Math.log(p[3]!)];
    const want = importanceMeans(createRng(5), 400_000, drawPrior, logLik, coords);
    const rng = createRng(6);
    const got = chainMeans([0, 1, 1, 1], (p) => sampleNormalGamma(rng, groups, p, 1), coords);
    for (let j = 0; j < 5; j++) expect(Math.abs(got[j]! - want[j]!)).toBeLessThan(0.06 * Math.max(1, want[j]!));
  }, 60_000);

  it("by default each member of a mixed table keeps the priors of its own sweep; --leaf-prior fixed shares one", () => {
    const rng = createRng(9);
    const rows = Array.from({ length: 60 }, () => {
      const c = rng.nextFloat() < 0.5 ? 0 : 1;
      return [c, (c + (rng.nextFloat() < 0.2 ? 1 : 0)) % 3, c * 2 + 0.5 * standardNormal(rng)];
    });
    const data = tinyTable(["binary", "categorical", "continuous"], [2, 3, 0], rows);
    const o = {
      ...DEFAULT_TRAIN_OPTIONS,
      structure: { sumComponents: 2, leafComponents: 2, partitions: 2, depth: 1, leaf: "product" as const },
      burnIn: 4,
      iterations: 6,
      thin: 2,
      members: 3,
      seed: 2,
      traceRows: 20,
    };
    const priors = (betaUpdate: "sample" | "fixed"): string[] =>
      train(data, null, { ...o, betaUpdate }).members.map((m) => {
        const t = m.stats!.priors.tabular!;
        return JSON.stringify([Array.from(t.dirichlet), Array.from(t.normalGamma)]);
      });
    expect(new Set(priors("sample")).size).toBe(3);
    expect(new Set(priors("fixed")).size).toBe(1);
  }, 30_000);
});
