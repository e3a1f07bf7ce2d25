import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { conditional } from "../../../shared/spn/conditional.ts";
import { drawParameters } from "../../../shared/spn/posterior.ts";
import { logProbBatch, logProbBatchJs, logProbRow } from "../../../shared/spn/log-prob.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { marginals } from "../../../shared/spn/marginals.ts";
import { marginalSlotsBatch } from "../../../shared/spn/marginal-slots.ts";
import { mpe } from "../../../shared/spn/mpe.ts";
import { spnConditional, spnMarginals } from "../../../shared/spn/queries.ts";
import { spnMarginalsBatch } from "../../../shared/spn/queries-batch.ts";
import { sample } from "../../../shared/spn/sample.ts";
import { MVN_LEAVES, MVN_PRIOR, mvnMixtureArtifact, servedCovariance, singleMvnArtifact } from "./mvn-model.ts";

const mixture = loadSpn(mvnMixtureArtifact(), "mvn-mixture");
const single = loadSpn(singleMvnArtifact(), "mvn-single");
const row = (values: Partial<Record<"c" | "g0" | "g1" | "g2" | "u", number>>): Float64Array =>
  Float64Array.from(["c", "g0", "g1", "g2", "u"], (k) => values[k as keyof typeof values] ?? NaN);

/** Composite Simpson over [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe("multivariate Gaussian (mvn) leaves, served", () => {
  const evidence = { c: 1, g0: 0.7, u: 0.4 };

  it("marginalising an absent mvn variable equals integrating it out numerically (1e-8 relative)", () => {
    for (const s of [0, 1]) {
      const lp = logProbRow(mixture.spn, s, row({ ...evidence, g1: -0.5 }));
      const integral = simpson(
        (t) => Math.exp(logProbRow(mixture.spn, s, row({ ...evidence, g1: -0.5, g2: t }))),
        -60,
        60,
      );
      expect(Math.abs(Math.log(integral) - lp)).toBeLessThan(1e-8 * Math.abs(lp));
    }
  });

  it("the joint over everything integrates to 1 along every gaussian (the empty row has log p = 0)", () => {
    expect(Math.abs(logProbRow(mixture.spn, 0, row({})))).toBeLessThan(1e-14);
    const lp = logProbRow(mixture.spn, 0, row({ c: 0 }));
    expect(
      Math.abs(Math.log(simpson((t) => Math.exp(logProbRow(mixture.spn, 0, row({ c: 0, g2: t }))), -60, 60)) - lp),
    ).toBeLessThan(1e-9);
  });

  it("conditional = exp(log p(q, e) - log p(e)), and marginals agree with it and with numerical moments of p(g2 | e)", () => {
    const e = row(evidence);
    const pe = logProbRow(mixture.spn, 0, e);
    const c = conditional(mixture.spn, 0, row({ g1: -0.5 }), e);
    expect(c.logProb).toBeCloseTo(logProbRow(mixture.spn, 0, row({ ...evidence, g1: -0.5 })) - pe, 12);
    const m = marginals(mixture.spn, 0, row({ g0: 0.7, u: 0.4 }));
    const pc = Math.exp(
      logProbRow(mixture.spn, 0, row({ c: 1, g0: 0.7, u: 0.4 })) - logProbRow(mixture.spn, 0, row({ g0: 0.7, u: 0.4 })),
    );
    const cm = m[0]!;
    expect(cm.kind === "discrete" && Math.abs(cm.probabilities[1]! - pc)).toBeLessThan(1e-12);
    const density = (t: number) => Math.exp(logProbRow(mixture.spn, 0, row({ ...evidence, g2: t })) - pe);
    const mean = simpson((t) => t * density(t), -80, 80);
    const second = simpson((t) => t * t * density(t), -80, 80);
    const g2 = marginals(mixture.spn, 0, e)[3]!;
    expect(g2.kind).toBe("gaussian");
    if (g2.kind !== "gaussian") return;
    expect(g2.mean).toBeCloseTo(mean, 8);
    expect(g2.variance).toBeCloseTo(second - mean * mean, 7);
  });

  it("batched passes agree with single-row ones within 1e-12 (log p over chunks; marginal slots; ensemble marginals)", () => {
    const rows = [
      row({ c: 0, g0: 1, g1: 2, g2: 0, u: 1 }),
      row({ g1: 0.3 }),
      row(evidence),
      row({}),
      row({ g0: -1, g2: 3 }),
      row({ c: 1, g0: -1, g2: 3 }),
    ];
    const B = rows.length;
    const values = new Float64Array(5 * B);
    rows.forEach((r, i) => r.forEach((x, v) => (values[v * B + i] = x)));
    // Rows that all observe g0 and g2 take the chunk's shared-pattern path (mvn-passes.ts).
    const same = [-1, 0.5, 2, 4, -3].map((t) => row({ g0: t, g2: 1 - t }));
    const sameValues = new Float64Array(5 * same.length);
    same.forEach((r, i) => r.forEach((x, v) => (sameValues[v * same.length + i] = x)));
    const sets = [[rows, values] as const, [same, sameValues] as const];
    for (const [set, ev] of sets)
      for (const chunk of [1, 2, 4, 6]) {
        const lp = logProbBatchJs(mixture.spn, 1, { rowCount: set.length, values: ev }, chunk);
        set.forEach((r, i) =>
          expect(Math.abs(lp[i]! - logProbRow(mixture.spn, 1, r))).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(lp[i]!))),
        );
      }
    const slots = marginalSlotsBatch(mixture.spn, 0, { rowCount: B, values });
    rows.forEach((r, i) => {
      const m = marginals(mixture.spn, 0, r)[3]!;
      if (m.kind !== "gaussian" || m.observed) return;
      expect(slots.slots[i * slots.slotCount + slots.slotOf[3]!]).toBeCloseTo(m.mean, 12);
      expect(slots.slots[i * slots.slotCount + slots.slotOf[3]! + 1]).toBeCloseTo(m.variance, 12);
    });
    const named = [{ c: "b", g0: 0.7 }, { g1: 0.3 }, {}];
    const batch = spnMarginalsBatch(mixture, named);
    named.forEach((e, i) => expect(batch[i]).toEqual(spnMarginals(mixture, e)));
  });

  it("MPE of a single block is its conditional mean (Sigma_UO Sigma_OO^-1 (x_O - mu_O)), exact", () => {
    const sigma = servedCovariance(0);
    const mu = MVN_LEAVES[0]!.slice(1, 4);
    const result = mpe(single.spn, 0, row({ c: 0, g0: 2.5, u: 0 }));
    expect(result.exact).toBe(true);
    const gain = (i: number) => sigma[i]![0]! / sigma[0]![0]!;
    expect(result.assignment[2]).toBeCloseTo(mu[1]! + gain(1) * (2.5 - mu[0]!), 12);
    expect(result.assignment[3]).toBeCloseTo(mu[2]! + gain(2) * (2.5 - mu[0]!), 12);
    expect(result.assignment[0]).toBe(0);
  });

  it("conditional draws of a block have its conditional mean and covariance (Mahalanobis distance ~ chi^2(2))", () => {
    const sigma = servedCovariance(0);
    const mu = MVN_LEAVES[0]!.slice(1, 4);
    const x0 = 2.5;
    const n = 4000;
    const draws = sample(createRng(11), single.spn, 0, n, row({ g0: x0 }));
    // Conditional of (g1, g2) given g0: mean mu_U + S_U0 / S_00 (x0 - mu_0), covariance S_UU - S_U0 S_0U / S_00.
    const m = [1, 2].map((i) => mu[i]! + (sigma[i]![0]! / sigma[0]![0]!) * (x0 - mu[0]!));
    const c = [1, 2].map((i) => [1, 2].map((j) => sigma[i]![j]! - (sigma[i]![0]! * sigma[0]![j]!) / sigma[0]![0]!));
    const det = c[0]![0]! * c[1]![1]! - c[0]![1]! ** 2;
    let d2 = 0;
    let d4 = 0;
    for (let k = 0; k < n; k++) {
      const a = draws[k * 5 + 2]! - m[0]!;
      const b = draws[k * 5 + 3]! - m[1]!;
      expect(draws[k * 5 + 1]).toBe(x0);
      const q = (c[1]![1]! * a * a - 2 * c[0]![1]! * a * b + c[0]![0]! * b * b) / det;
      d2 += q / n;
      d4 += (q * q) / n;
    }
    // chi^2(2): mean 2, variance 4; the mean of 4000 draws has standard error 0.032.
    expect(Math.abs(d2 - 2)).toBeLessThan(4 * 0.032);
    expect(Math.abs(d4 - d2 * d2 - 4)).toBeLessThan(1);
  });

  it("posterior parameter draws of a block average to the NIW posterior means: mu_n and Psi_n / (nu_n - p - 1)", () => {
    const spn = single.spn;
    const work = {
      logWeights: new Float64Array(spn.edgeCount),
      leafLogParams: new Float64Array(spn.members[0]!.leafLogParams.length),
    };
    const at = spn.leafParamStart[1]!;
    const [n, m0, m1, m2, ...packed] = MVN_LEAVES[0]!;
    const L = [
      [packed[0]!, 0, 0],
      [packed[1]!, packed[2]!, 0],
      [packed[3]!, packed[4]!, packed[5]!],
    ];
    const psi = L.map((ri) => L.map((rj) => ri[0]! * rj[0]! + ri[1]! * rj[1]! + ri[2]! * rj[2]!));
    const draws = 6000;
    const mean = [0, 0, 0];
    const cov = [0, 0, 0].map(() => [0, 0, 0]);
    const rng = createRng(5);
    for (let d = 0; d < draws; d++) {
      drawParameters(rng, spn, spn.posteriors![0]!, work);
      const p = work.leafLogParams;
      const l = [
        [p[at + 3]!, 0, 0],
        [p[at + 4]!, p[at + 5]!, 0],
        [p[at + 6]!, p[at + 7]!, p[at + 8]!],
      ];
      for (let i = 0; i < 3; i++) {
        mean[i]! += p[at + i]! / draws;
        for (let j = 0; j < 3; j++)
          cov[i]![j]! += (l[i]![0]! * l[j]![0]! + l[i]![1]! * l[j]![1]! + l[i]![2]! * l[j]![2]!) / draws;
      }
    }
    const expected = psi.map((r) => r.map((x) => x / (MVN_PRIOR.nuOffset + n!)));
    [m0, m1, m2].forEach((m, i) =>
      expect(Math.abs(mean[i]! - m!)).toBeLessThan(
        4 * Math.sqrt(expected[i]![i]! / (MVN_PRIOR.kappa0 + n!) / draws) + 1e-9,
      ),
    );
    // Inverse-Wishart entries with nu_n - p - 1 = 22 have a relative standard deviation of about 0.3: 6,000 draws, a few %.
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expect(Math.abs(cov[i]![j]! - expected[i]![j]!)).toBeLessThan(
          0.03 * Math.sqrt(expected[i]![i]! * expected[j]![j]!),
        );
  });

  it("the ensemble's spread includes parameter draws, and marginals and conditional give the same number", () => {
    const answer = spnConditional(mixture, { c: "b" }, { g0: 0.7, g2: 1 });
    expect(answer.parameterUncertainty).toBe(true);
    expect(answer.uncertainty!.std).toBeGreaterThan(0);
    const m = spnMarginals(mixture, { g0: 0.7, g2: 1 }, ["c"]);
    expect(m.marginals[0]!.type === "bernoulli" && m.marginals[0]!.probabilities.b).toBeCloseTo(answer.prob, 12);
  });

  it("logProbBatch (wasm where chosen) falls back to the JS evaluator for mvn models: identical values", () => {
    const rows = { rowCount: 1, values: row({ c: 1, g0: 0.2, g1: 0.1 }) };
    expect(logProbBatch(mixture.spn, 0, rows)[0]).toBe(logProbBatchJs(mixture.spn, 0, rows)[0]);
  });

  it("rejects malformed mvn leaves with a message naming the node or member", () => {
    const broken = (edit: (a: ReturnType<typeof mvnMixtureArtifact>) => void) => {
      const a = mvnMixtureArtifact();
      edit(a);
      return () => loadSpn(a, "broken");
    };
    expect(broken((a) => (a.nodes[1] = { kind: "mvn", variables: [0, 2, 3] }))).toThrow(
      /node 1 \(mvn\): variable 0 \("c"\) is bernoulli/,
    );
    expect(broken((a) => (a.nodes[1] = { kind: "mvn", variables: [1, 1, 3] }))).toThrow(/listed twice/);
    expect(broken((a) => a.members[0]!.mvn!.leaves.pop())).toThrow(/member 0: mvn.leaves has 19 values, expected 20/);
    expect(broken((a) => (a.members[1]!.mvn!.leaves[4] = 0))).toThrow(
      /member 1: .*Cholesky entry \(0, 0\) = 0 must be finite and positive/,
    );
    expect(broken((a) => delete a.members[0]!.mvn)).toThrow(/has mvn nodes but the member has no mvn parameters/);
  });
});
