import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import {
  conditional,
  emptyRow,
  ensembleConditional,
  ensembleLogProb,
  ensembleMarginals,
  ensembleMpe,
  loadSpn,
  logProbRow,
  marginals,
  singleRow,
  weightedSpread,
} from "../../../shared/spn/index.ts";
import { quantile, spread } from "../../../shared/spn/spread.ts";
import { randomSpn } from "./random-spn.ts";
import { batchOf, referenceProb } from "./reference.ts";

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const runs = { seed: 31, numRuns: 25 };

/** Spread computed plainly: population std and numpy's method="weibull" percentiles (type 6). */
function plainSpread(xs: number[]): { std: number; interval95: [number, number] } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  const sorted = xs.slice().sort((a, b) => a - b);
  const q = (p: number): number => {
    const h = Math.min(Math.max((sorted.length + 1) * p - 1, 0), sorted.length - 1);
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
  };
  return { std, interval95: [q(0.025), q(0.975)] };
}

function expectSpread(got: { std: number; interval95: [number, number] } | null, xs: number[]): void {
  const want = plainSpread(xs);
  expect(got).not.toBeNull();
  expect(got!.std).toBeCloseTo(want.std, 12);
  expect(got!.interval95[0]).toBeCloseTo(want.interval95[0], 12);
  expect(got!.interval95[1]).toBeCloseTo(want.interval95[1], 12);
}

function evidenceFor(seed: number, stateCount: Int32Array): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(stateCount, (k) => (k > 0 && rng.nextFloat() < 0.3 ? uniformInt(rng, k) : NaN));
}

describe("Bayesian ensembles", () => {
  it("report logprob as log-mean-exp of the members, with the spread of member log-probabilities", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { spn } = loadSpn(randomSpn(seed, { discrete: 3, gaussians: 1, members: 2 + (seed % 4) }));
        const rows = [evidenceFor(seed, spn.stateCount), evidenceFor(seed + 1, spn.stateCount)];
        const got = ensembleLogProb(spn, batchOf(rows, spn.variables.length));
        rows.forEach((row, r) => {
          const member = spn.members.map((_, s) => logProbRow(spn, s, row));
          expect(got[r]!.logProb).toBeCloseTo(
            Math.log(member.reduce((a, l) => a + Math.exp(l), 0) / member.length),
            12,
          );
          expectSpread(got[r]!.uncertainty, member);
        });
      }),
      runs,
    );
  });

  it("report a conditional as the posterior predictive Σ_s p_s(q, e) / Σ_s p_s(e), with the w-weighted member spread", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const artifact = randomSpn(seed, { discrete: 4, members: 3 });
        const { spn } = loadSpn(artifact);
        const evidence = emptyRow(spn);
        evidence[0] = 1;
        const query = emptyRow(spn);
        query[1] = 0;
        const joint = evidence.slice();
        joint[1] = 0;
        const pe = [0, 1, 2].map((s) => referenceProb(artifact, s, evidence));
        const pqe = [0, 1, 2].map((s) => referenceProb(artifact, s, joint));
        const got = ensembleConditional(spn, query, singleRow(evidence))[0]!;
        expect(got.prob).toBeCloseTo((pqe[0]! + pqe[1]! + pqe[2]!) / (pe[0]! + pe[1]! + pe[2]!), 9);
        expect(got.logProb).toBeCloseTo(Math.log(got.prob), 12);
        const member = spn.members.map((_, s) => Math.exp(conditional(spn, s, query, evidence).logProb));
        const weights = pe.map((p) => p / (pe[0]! + pe[1]! + pe[2]!));
        const want = weightedSpread(member, weights);
        expect(got.uncertainty!.std).toBeCloseTo(want.std, 12);
        expect(got.parameterUncertainty).toBe(false);
      }),
      runs,
    );
  });

  it("report marginals of the mixture: Σ_s w_s p_s(X | e) with w_s ∝ p_s(e); gaussians by the law of total variance", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { spn } = loadSpn(randomSpn(seed, { discrete: 3, gaussians: 1, members: 3 }));
        const evidence = evidenceFor(seed, spn.stateCount);
        const member = spn.members.map((_, s) => marginals(spn, s, evidence));
        const logPe = spn.members.map((_, s) => logProbRow(spn, s, evidence));
        const max = Math.max(...logPe);
        const raw = logPe.map((l) => Math.exp(l - max));
        const w = raw.map((x) => x / raw.reduce((a, b) => a + b, 0));
        ensembleMarginals(spn, singleRow(evidence))[0]!.marginals.forEach((m, i) => {
          const per = member.map((ms) => ms[i]!);
          if (m.kind === "discrete") {
            m.probabilities.forEach((p, x) => {
              const xs = per.map((q) => (q.kind === "discrete" ? q.probabilities[x]! : NaN));
              expect(p).toBeCloseTo(
                xs.reduce((a, b, s) => a + w[s]! * b, 0),
                12,
              );
            });
          } else {
            const means = per.map((q) => (q.kind === "gaussian" ? q.mean : NaN));
            const vars = per.map((q) => (q.kind === "gaussian" ? q.variance : NaN));
            const mean = means.reduce((a, b, s) => a + w[s]! * b, 0);
            expect(m.mean).toBeCloseTo(mean, 10);
            expect(m.variance).toBeCloseTo(
              vars.reduce((a, v, s) => a + w[s]! * (v + (means[s]! - mean) ** 2), 0),
              10,
            );
          }
        });
      }),
      runs,
    );
  });

  it("run MPE on the mixture: logProb is the mixture density at the best member candidate, spread over members", () => {
    const { spn } = loadSpn(randomSpn(33, { discrete: 4, selective: true, members: 3 }));
    const got = ensembleMpe(spn, singleRow(emptyRow(spn)))[0]!;
    const member = spn.members.map((_, s) => logProbRow(spn, s, got.assignment));
    expect(got.logProb).toBeCloseTo(Math.log(member.reduce((a, l) => a + Math.exp(l), 0) / 3), 12);
    expectSpread(got.uncertainty, member);
  });

  it("omit the uncertainty (null) with a single member and no posterior statistics", () => {
    const { spn } = loadSpn(randomSpn(34, { discrete: 3, gaussians: 1, selective: true }));
    const row = emptyRow(spn);
    expect(ensembleLogProb(spn, batchOf([row], spn.variables.length))[0]!.uncertainty).toBeNull();
    expect(ensembleMpe(spn, singleRow(row))[0]).toMatchObject({
      uncertainty: null,
      exact: true,
      parameterUncertainty: false,
    });
    expect(ensembleMarginals(spn, singleRow(row))[0]!.marginals.every((m) => m.uncertainty === null)).toBe(true);
  });
});

describe("spread", () => {
  it("matches numpy: std(ddof=0) and percentile(method='weibull') of [1, 2, 3, 4, 10] and of 1..50", () => {
    // numpy: np.std([1,2,3,4,10]) = 3.1622776601683795; np.percentile(..., [2.5, 97.5], method="weibull")
    // = [1, 10] (5 values: both ends clamp) and [1.275, 49.725] for 1..50
    const got = spread([10, 3, 1, 4, 2]);
    expect(got.std).toBeCloseTo(3.1622776601683795, 14);
    expect(got.interval95).toEqual([1, 10]);
    const fifty = spread(Array.from({ length: 50 }, (_, i) => 50 - i));
    expect(fifty.interval95[0]).toBeCloseTo(1.275, 12);
    expect(fifty.interval95[1]).toBeCloseTo(49.725, 12);
  });

  it("keeps -Infinity members finite-safe: no NaN in std or interval", () => {
    const got = spread([-Infinity, -2, -1]);
    expect(got.std).toBe(Infinity);
    expect(got.interval95[0]).toBe(-Infinity);
    expect(quantile(Float64Array.of(-Infinity, -Infinity), 0.5)).toBe(-Infinity);
    expect(spread([-Infinity, -Infinity]).std).toBe(0);
  });
});
