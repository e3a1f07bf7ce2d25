import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import {
  emptyRow,
  ensembleConditional,
  ensembleMarginals,
  ensembleMpe,
  ensembleSample,
  loadSpn,
  singleRow,
  spnConditional,
  spnLogProb,
  spnMarginals,
  type SpnModel,
} from "../../../shared/spn/index.ts";
import { randomSpn } from "./random-spn.ts";
import { completions, referenceProb } from "./reference.ts";

/**
 * Issue 13 item 1: every endpoint answers with the posterior predictive, the mixture of the
 * members (which is what logprob returns), so conditionals and marginals must equal ratios of
 * mixture probabilities: by literal enumeration on random SPNs, by logprob on the shipped models.
 */
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe("posterior-predictive answers on random ensembles (enumeration, 1e-9)", () => {
  it("marginals of every unobserved discrete variable = Σ_s p_s(x, e) / Σ_s p_s(e)", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const artifact = randomSpn(seed, { discrete: 4, gaussians: seed % 2, members: 2 + (seed % 3) });
        const { spn } = loadSpn(artifact);
        const rng = createRng(seed);
        const evidence = Float64Array.from(spn.stateCount, (k) =>
          k > 0 && rng.nextFloat() < 0.4 ? uniformInt(rng, k) : NaN,
        );
        const S = artifact.members.length;
        const mix = (row: ArrayLike<number>): number =>
          artifact.members.reduce((a, _, s) => a + referenceProb(artifact, s, row), 0) / S;
        const pe = mix(evidence);
        if (pe === 0) return;
        ensembleMarginals(spn, singleRow(evidence))[0]!.marginals.forEach((m) => {
          if (m.kind !== "discrete" || m.observed) return;
          m.probabilities.forEach((p, x) => {
            const row = evidence.slice();
            row[m.variable] = x;
            expect(Math.abs(p - mix(row) / pe)).toBeLessThan(1e-9);
          });
        });
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it("a member with p_s(e) = 0 gets weight 0; only evidence the whole mixture excludes is an error", () => {
    const artifact = {
      format: "spn" as const,
      formatVersion: 1 as const,
      variables: [
        { name: "a", type: "bernoulli" as const },
        { name: "b", type: "bernoulli" as const },
      ],
      nodes: [
        { kind: "leaf" as const, variable: 0 },
        { kind: "leaf" as const, variable: 1 },
        { kind: "product" as const, children: [0, 1] },
      ],
      members: [
        { weights: [], leafParams: [0.3, 0] }, // p(b = 1) = 0
        { weights: [], leafParams: [0.8, 0.5] },
      ],
    };
    const model = loadSpn(artifact);
    const query = Float64Array.of(1, NaN);
    const b1 = Float64Array.of(NaN, 1);
    expect(ensembleConditional(model.spn, query, singleRow(b1))[0]!.prob).toBeCloseTo(0.8, 12);
    const a = ensembleMarginals(model.spn, singleRow(b1))[0]!.marginals[0]!;
    expect(a.kind === "discrete" && a.probabilities[1]).toBeCloseTo(0.8, 12);
    expect(ensembleMpe(model.spn, singleRow(b1))[0]!.assignment[0]).toBe(1);
    const draws = ensembleSample(createRng(1), model.spn, 200, b1);
    for (let i = 0; i < 200; i++) expect(draws[i * 2 + 1]).toBe(1);
    const impossible = { ...artifact, members: [artifact.members[0]!, { weights: [], leafParams: [0.8, 0] }] };
    const zero = loadSpn(impossible);
    const code = expect.objectContaining({ code: "zero-probability-evidence" });
    expect(() => ensembleConditional(zero.spn, query, singleRow(b1))).toThrow(code);
    expect(() => ensembleMarginals(zero.spn, singleRow(b1))).toThrow(code);
    expect(() => ensembleMpe(zero.spn, singleRow(b1))).toThrow(code);
    expect(() => ensembleSample(createRng(1), zero.spn, 5, b1)).toThrow(code);
  });

  it("MPE says exact only when the assignment is the enumerated argmax of the mixture", () => {
    let exactSeen = 0;
    for (let seed = 40; seed < 70; seed++) {
      const artifact = randomSpn(seed, { discrete: 4, selective: seed % 4 !== 0, members: 1 + (seed % 2) });
      const { spn } = loadSpn(artifact);
      const evidence = emptyRow(spn);
      evidence[seed % 4] = 0;
      const S = artifact.members.length;
      const mix = (row: ArrayLike<number>): number =>
        artifact.members.reduce((a, _, s) => a + referenceProb(artifact, s, row), 0) / S;
      if (mix(evidence) === 0) continue;
      const absent = [0, 1, 2, 3].filter((v) => v !== seed % 4);
      const best = Math.max(...completions(evidence, absent, spn.stateCount).map(mix));
      const got = ensembleMpe(spn, singleRow(evidence))[0]!;
      expect(Math.exp(got.logProb)).toBeCloseTo(mix(got.assignment), 12);
      if (got.exact) {
        exactSeen++;
        expect(mix(got.assignment)).toBeGreaterThanOrEqual(best * (1 - 1e-9));
      }
      if (!spn.selective) expect(got.exact).toBe(false);
      if (spn.selective && S === 1) expect(got.exact).toBe(true);
    }
    expect(exactSeen).toBeGreaterThan(5);
  });
});

function shipped(name: string): SpnModel | null {
  try {
    return loadSpn(readFileSync(new URL(`../../../models/${name}/spn.json`, import.meta.url), "utf8"), name);
  } catch {
    return null;
  }
}

describe.each(["example", "nltcs", "plants"])(
  "posterior-predictive answers on models/%s (logprob ratios, 1e-9)",
  (name) => {
    const model = shipped(name)!;
    const queries = (count: number) => {
      const rng = createRng(13);
      return Array.from({ length: count }, () => {
        const evidence: Record<string, string> = {};
        const query: Record<string, string> = {};
        for (const v of model.variables) {
          if (v.type === "gaussian") continue;
          const u = rng.nextFloat();
          const state = v.states[uniformInt(rng, v.states.length)]!;
          if (u < 0.1) query[v.name] = state;
          else if (u < 0.35) evidence[v.name] = state;
        }
        if (Object.keys(query).length === 0) query[model.variables[0]!.name] = model.variables[0]!.states[0] ?? "0";
        delete evidence[Object.keys(query)[0]!];
        for (const q of Object.keys(query)) delete evidence[q];
        return { query, evidence };
      });
    };

    it("conditional = exp(logprob(q ∪ e) − logprob(e))", () => {
      for (const { query, evidence } of queries(6)) {
        const [joint, marginal] = spnLogProb(model, [{ ...evidence, ...query }, evidence]);
        expect(
          Math.abs(spnConditional(model, query, evidence).prob - Math.exp(joint!.logProb - marginal!.logProb)),
        ).toBeLessThan(1e-9);
      }
    });

    it("marginals = exp(logprob(e ∪ {X = x}) − logprob(e)) for every variable and state", () => {
      for (const { evidence } of queries(3)) {
        const answer = spnMarginals(model, evidence).marginals;
        const rows: Record<string, string>[] = [evidence];
        const want: number[] = [];
        for (const m of answer) {
          if (m.type === "gaussian" || m.observed) continue;
          for (const state of Object.keys(m.probabilities)) rows.push({ ...evidence, [m.variable]: state });
        }
        const lp = spnLogProb(model, rows).map((a) => a.logProb);
        for (let i = 1; i < lp.length; i++) want.push(Math.exp(lp[i]! - lp[0]!));
        const got = answer.flatMap((m) => (m.type === "gaussian" || m.observed ? [] : Object.values(m.probabilities)));
        got.forEach((p, i) => expect(Math.abs(p - want[i]!)).toBeLessThan(1e-9));
      }
    });
  },
);
