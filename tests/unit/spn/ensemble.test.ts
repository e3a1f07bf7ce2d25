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
} from "../../../shared/spn/index.ts";
import { quantile, spread } from "../../../shared/spn/spread.ts";
import { randomSpn } from "./random-spn.ts";
import { batchOf } from "./reference.ts";

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const runs = { seed: 31, numRuns: 25 };

/** Spread computed plainly: population std and numpy-style linear percentiles. */
function plainSpread(xs: number[]): { std: number; interval95: [number, number] } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  const sorted = xs.slice().sort((a, b) => a - b);
  const q = (p: number): number => {
    const h = (sorted.length - 1) * p;
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
          expect(got[r]!.logProb).toBeCloseTo(Math.log(member.reduce((a, l) => a + Math.exp(l), 0) / member.length), 12);
          expectSpread(got[r]!.uncertainty, member);
        });
      }),
      runs,
    );
  });

  it("report a conditional as the mean of member conditionals, with their spread", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { spn } = loadSpn(randomSpn(seed, { discrete: 4, members: 3 }));
        const evidence = emptyRow(spn);
        evidence[0] = 1;
        const query = emptyRow(spn);
        query[1] = 0;
        const member = spn.members.map((_, s) => Math.exp(conditional(spn, s, query, evidence).logProb));
        const got = ensembleConditional(spn, query, evidence);
        expect(got.prob).toBeCloseTo(member.reduce((a, b) => a + b, 0) / 3, 12);
        expect(got.logProb).toBeCloseTo(Math.log(got.prob), 12);
        expectSpread(got.uncertainty, member);
      }),
      runs,
    );
  });

  it("report marginals as member means per state, gaussians by the law of total variance", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { spn } = loadSpn(randomSpn(seed, { discrete: 3, gaussians: 1, members: 3 }));
        const evidence = evidenceFor(seed, spn.stateCount);
        const member = spn.members.map((_, s) => marginals(spn, s, evidence));
        ensembleMarginals(spn, evidence).forEach((m, i) => {
          const per = member.map((ms) => ms[i]!);
          if (m.kind === "discrete") {
            m.probabilities.forEach((p, x) => {
              const xs = per.map((q) => (q.kind === "discrete" ? q.probabilities[x]! : NaN));
              expect(p).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / 3, 12);
              expectSpread(m.uncertainty![x]!, xs);
            });
          } else {
            const means = per.map((q) => (q.kind === "gaussian" ? q.mean : NaN));
            const vars = per.map((q) => (q.kind === "gaussian" ? q.variance : NaN));
            const mean = means.reduce((a, b) => a + b, 0) / 3;
            expect(m.mean).toBeCloseTo(mean, 12);
            expect(m.variance).toBeCloseTo(vars.reduce((a, v, s) => a + v + (means[s]! - mean) ** 2, 0) / 3, 12);
            expectSpread(m.uncertainty!.mean, means);
            expectSpread(m.uncertainty!.variance, vars);
          }
        });
      }),
      runs,
    );
  });

  it("run MPE on the uniform mixture: not exact, logProb is the mixture density, spread over members", () => {
    const { spn } = loadSpn(randomSpn(33, { discrete: 4, selective: true, members: 3 }));
    const got = ensembleMpe(spn, emptyRow(spn));
    const member = spn.members.map((_, s) => logProbRow(spn, s, got.assignment));
    expect(got.exact).toBe(false);
    expect(got.logProb).toBeCloseTo(Math.log(member.reduce((a, l) => a + Math.exp(l), 0) / 3), 12);
    expectSpread(got.uncertainty, member);
  });

  it("omit the uncertainty (null) with a single member", () => {
    const { spn } = loadSpn(randomSpn(34, { discrete: 3, gaussians: 1, selective: true }));
    const row = emptyRow(spn);
    expect(ensembleLogProb(spn, batchOf([row], spn.variables.length))[0]!.uncertainty).toBeNull();
    expect(ensembleMpe(spn, row)).toMatchObject({ uncertainty: null, exact: true });
    expect(ensembleMarginals(spn, row).every((m) => m.uncertainty === null)).toBe(true);
  });
});

describe("spread", () => {
  it("matches numpy: std(ddof=0) and percentile(linear) of [1, 2, 3, 4, 10]", () => {
    // numpy 2.4.6: np.std([1,2,3,4,10]) = 3.1622776601683795; np.percentile(..., [2.5, 97.5]) = [1.1, 9.4]
    const got = spread([10, 3, 1, 4, 2]);
    expect(got.std).toBeCloseTo(3.1622776601683795, 14);
    expect(got.interval95[0]).toBeCloseTo(1.1, 14);
    expect(got.interval95[1]).toBeCloseTo(9.4, 14);
  });

  it("keeps -Infinity members finite-safe: no NaN in std or interval", () => {
    const got = spread([-Infinity, -2, -1]);
    expect(got.std).toBe(Infinity);
    expect(got.interval95[0]).toBe(-Infinity);
    expect(quantile(Float64Array.of(-Infinity, -Infinity), 0.5)).toBe(-Infinity);
    expect(spread([-Infinity, -Infinity]).std).toBe(0);
  });
});
