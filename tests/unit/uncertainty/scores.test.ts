import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packLogits, packProbabilities, uncertaintyScores } from "../../../shared/uncertainty/scores.ts";

const distribution = (classes: number) =>
  fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: classes, maxLength: classes }).map((w) => {
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  });
const ensemble = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 6 }))
  .chain(([m, c]) => fc.array(distribution(c), { minLength: m, maxLength: m }));

const score = (rows: number[][]) =>
  uncertaintyScores(packProbabilities(rows, "/members"), rows.length, rows[0]!.length);

describe("uncertainty scores", () => {
  it("matches a hand computation (two members, two classes)", () => {
    const s = score([
      [1, 0],
      [0, 1],
    ]);
    // p̄ = (0.5, 0.5): total = ln 2; each member is certain: aleatoric 0; epistemic = ln 2.
    expect(s.total).toBeCloseTo(Math.LN2, 12);
    expect(s.aleatoric).toBe(0);
    expect(s.epistemic).toBeCloseTo(Math.LN2, 12);
    expect(s.variance).toBeCloseTo(0.25, 12);
  });

  it("keeps mutual information >= 0 and total >= aleatoric, and total = aleatoric + epistemic", () => {
    fc.assert(
      fc.property(ensemble, (rows) => {
        const s = score(rows);
        expect(s.epistemic).toBeGreaterThanOrEqual(0);
        expect(s.total).toBeGreaterThanOrEqual(s.aleatoric);
        expect(s.aleatoric + s.epistemic).toBeCloseTo(s.total, 10);
        expect(s.mean.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("gives zero epistemic uncertainty and variance for one member", () => {
    fc.assert(
      fc.property(distribution(4), (p) => {
        const s = score([p]);
        expect(s.epistemic).toBe(0);
        expect(s.variance).toBe(0);
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it("treats logits as softmax probabilities", () => {
    const fromLogits = uncertaintyScores(
      packLogits(
        [
          [2, 0],
          [0, 1],
        ],
        "/logits",
      ),
      2,
      2,
    );
    const e = (a: number, b: number) => [
      Math.exp(a) / (Math.exp(a) + Math.exp(b)),
      Math.exp(b) / (Math.exp(a) + Math.exp(b)),
    ];
    expect(fromLogits.total).toBeCloseTo(score([e(2, 0), e(0, 1)]).total, 12);
  });

  it("rejects negative, non-finite and unnormalised probabilities with a pointer", () => {
    expect(() =>
      packProbabilities(
        [
          [0.5, 0.5],
          [-0.1, 1.1],
        ],
        "/members",
      ),
    ).toThrow(
      expect.objectContaining({
        code: "invalid-probabilities",
        issues: [expect.objectContaining({ pointer: "/members/1/0" })],
      }),
    );
    expect(() => packProbabilities([[0.5, 0.4]], "/members")).toThrow(/sum to 0.9/);
    expect(() => packProbabilities([[0.5, 0.5], [1]], "/members")).toThrow(/classes/);
    expect(() => packProbabilities([[NaN, 1]], "/m")).toThrow(/not a finite/);
  });
});
