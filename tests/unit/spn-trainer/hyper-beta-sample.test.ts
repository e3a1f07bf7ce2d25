import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { loadSpn, sample } from "../../../shared/spn/index.ts";
import { serializeSpn } from "../../../trainers/spn/artifact.ts";
import { knownSpn } from "../../../trainers/spn/calibration.ts";
import { parseCliArgs } from "../../../trainers/spn/cli-args.ts";
import { train } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";
import { BETA_BOUNDS } from "../../../trainers/spn/hyper-beta.ts";
import { betaBinomialLogLik, sampleBetaPair } from "../../../trainers/spn/hyper-beta-sample.ts";
import { logGamma } from "../../../trainers/spn/special.ts";

/** log C(n, k): betaBinomialLogLik drops it, so the tests add it back to compare with a pmf. */
const logChoose = (n: number, k: number): number => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * Posterior means of log a and log b under the weak hyperprior written independently of the
 * sampler, in (a, b): p(a, b) ∝ 1 / ((1 + s)^2 s) with s = a + b (uniform mean, log-logistic
 * strength), by quadrature on a (log a, log b) grid (Jacobian a b) inside BETA_BOUNDS.
 */
function quadratureMeans(ones: number[], size: number[]): [number, number] {
  const lo = Math.log(BETA_BOUNDS.min);
  const hi = Math.log(BETA_BOUNDS.max);
  const n = 300;
  const h = (hi - lo) / n;
  const logW: number[] = [];
  const pts: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      const la = lo + i * h;
      const lb = lo + j * h;
      const s = Math.exp(la) + Math.exp(lb);
      logW.push(betaBinomialLogLik(ones, size, Math.exp(la), Math.exp(lb)) - 2 * Math.log1p(s) - Math.log(s) + la + lb);
      pts.push([la, lb]);
    }
  }
  const max = Math.max(...logW);
  let total = 0;
  let ma = 0;
  let mb = 0;
  logW.forEach((l, k) => {
    const w = Math.exp(l - max);
    total += w;
    ma += w * pts[k]![0];
    mb += w * pts[k]![1];
  });
  return [ma / total, mb / total];
}

/** Long-run means of log a and log b of the Metropolis chain (after a short warm-up). */
function chainMeans(ones: number[], size: number[], seed: number, draws: number): [number, number] {
  const rng = createRng(seed);
  let [a, b] = [1, 1];
  let ma = 0;
  let mb = 0;
  for (let t = 0; t < 200; t++) [a, b] = sampleBetaPair(rng, ones, size, a, b, 1);
  for (let t = 0; t < draws; t++) {
    [a, b] = sampleBetaPair(rng, ones, size, a, b, 1);
    ma += Math.log(a);
    mb += Math.log(b);
  }
  return [ma / draws, mb / draws];
}

describe("Metropolis sampling of the leaf priors (a_d, b_d) given the sampler's leaf groups", () => {
  it("betaBinomialLogLik is the Beta-Binomial log pmf without the binomial coefficients", () => {
    // Beta(1, 1): every count 0..n has probability 1 / (n + 1).
    expect(betaBinomialLogLik([3], [7], 1, 1) + logChoose(7, 3)).toBeCloseTo(-Math.log(8), 12);
    // Groups multiply; a large strength approaches the binomial pmf at the mean.
    const ll = betaBinomialLogLik([2, 5], [4, 9], 3e5, 7e5) + logChoose(4, 2) + logChoose(9, 5);
    const binom = logChoose(4, 2) + 2 * Math.log(0.3 * 0.7) + logChoose(9, 5) + 5 * Math.log(0.3) + 4 * Math.log(0.7);
    expect(ll).toBeCloseTo(binom, 3);
  });

  it("has the hyperprior as its stationary law without data, and the posterior with data", () => {
    const cases: [number[], number[]][] = [
      [[], []],
      [
        [1, 4, 0, 7, 3, 9, 2, 5],
        [10, 10, 10, 10, 10, 10, 10, 10],
      ],
    ];
    for (const [ones, size] of cases) {
      const [qa, qb] = quadratureMeans(ones, size);
      const [ca, cb] = chainMeans(ones, size, 11, 60_000);
      expect(Math.abs(ca - qa)).toBeLessThan(0.08);
      expect(Math.abs(cb - qb)).toBeLessThan(0.08);
    }
  }, 60_000);

  it("concentrates near the generating prior when many groups inform it, and stays inside the bounds", () => {
    const rng = createRng(5);
    const ones: number[] = [];
    const size: number[] = [];
    for (let g = 0; g < 400; g++) {
      // p ~ Beta(2, 6) by the order-statistic construction, then 30 Bernoulli trials.
      const u = Array.from({ length: 7 }, () => rng.nextFloat()).sort((x, y) => x - y);
      const p = u[1]!;
      let k = 0;
      for (let i = 0; i < 30; i++) k += rng.nextFloat() < p ? 1 : 0;
      ones.push(k);
      size.push(30);
    }
    let [a, b] = [1, 1];
    for (let t = 0; t < 100; t++) [a, b] = sampleBetaPair(rng, ones, size, a, b);
    expect(a / (a + b)).toBeGreaterThan(0.2);
    expect(a / (a + b)).toBeLessThan(0.3);
    expect(a + b).toBeGreaterThan(4);
    expect(a + b).toBeLessThan(16);
    expect(Math.min(a, b)).toBeGreaterThanOrEqual(BETA_BOUNDS.min);
  });

  it("is the trainer's default, and each member keeps the (a_d, b_d) of its own sweep", () => {
    expect(DEFAULT_TRAIN_OPTIONS.betaUpdate).toBe("sample");
    expect(parseCliArgs(["--train", "x.data", "--out", "models/x"]).options.betaUpdate).toBe("sample");
    expect(parseCliArgs(["--train", "x", "--out", "models/x", "--leaf-prior", "refit"]).options.betaUpdate).toBe(
      "refit",
    );
    expect(() => parseCliArgs(["--train", "x", "--out", "models/x", "--leaf-prior", "em"])).toThrow(/--leaf-prior/);
    const rng = createRng(5);
    const truth = loadSpn(knownSpn(rng, 6, 3), "truth");
    const data = { rows: 200, cols: 6, x: Uint8Array.from(sample(rng, truth.spn, 0, 200)) };
    const o = {
      ...DEFAULT_TRAIN_OPTIONS,
      structure: { sumComponents: 3, leafComponents: 3, partitions: 2, depth: 2 },
      burnIn: 6,
      iterations: 6,
      thin: 2,
      members: 3,
      seed: 3,
      traceRows: 50,
    };
    const priors = (betaUpdate: "sample" | "refit"): string[] =>
      train(data, null, { ...o, betaUpdate }).members.map((m) => JSON.stringify(m.posterior!.leafPriors));
    const sampled = priors("sample");
    expect(new Set(sampled).size).toBe(3); // one (a, b) per member
    expect(new Set(priors("refit")).size).toBe(1); // refitted in burn-in only: shared by all members
    // The artifact carries each member's own priors (what the server's Beta draws use).
    const result = train(data, null, o);
    const names = ["a", "b", "c", "d", "e", "f"];
    const artifact = JSON.parse(serializeSpn(result.graph, result.members, names)) as {
      members: { posterior: { leafPriors: number[][] } }[];
    };
    expect(artifact.members.map((m) => JSON.stringify(m.posterior.leafPriors))).toEqual(sampled);
  });
});
