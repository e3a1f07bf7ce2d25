import { describe, expect, it } from "vitest";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { headProbsInto } from "../../../trainers/uncertainty-heads/linear-head.ts";
import { rberDataTerm } from "../../../trainers/uncertainty-heads/rber-loss.ts";
import type { FeatureData } from "../../../trainers/uncertainty-heads/linear-head.ts";

// Three classes, three members, five rows: small enough for central differences everywhere.
const rng = createRng(7);
const d: FeatureData = {
  x: Float64Array.from({ length: 10 }, () => standardNormal(rng)),
  y: Int32Array.from([0, 1, 2, 1, 0]),
  features: 2,
  classes: 3,
};
const thetas = [0, 1, 2].map(() => Float64Array.from({ length: 9 }, () => standardNormal(rng)));

describe("rBER data term (λ·variance form, squared loss)", () => {
  for (const lambda of [0.05, 1]) {
    it(`has the gradient of its value (central differences, λ = ${lambda})`, () => {
      const s = { lambda, noiseVariance: 0.25 };
      const { gradients } = rberDataTerm(thetas, d, s);
      const h = 1e-6;
      for (let m = 0; m < 3; m++) {
        for (let k = 0; k < 9; k++) {
          const plus = thetas.map((t) => Float64Array.from(t));
          const minus = thetas.map((t) => Float64Array.from(t));
          plus[m]![k]! += h;
          minus[m]![k]! -= h;
          const numeric = (rberDataTerm(plus, d, s).loss - rberDataTerm(minus, d, s).loss) / (2 * h);
          expect(gradients[m]![k]!).toBeCloseTo(numeric, 6);
        }
      }
    });
  }

  it("is the members' mean Brier score / (2v²) at λ = 1 (the Gibbs risk of plain VI)", () => {
    const p = new Float64Array(3);
    let gibbs = 0;
    for (const t of thetas) {
      for (let i = 0; i < 5; i++) {
        headProbsInto(t, d, i, p);
        for (let c = 0; c < 3; c++) gibbs += ((c === d.y[i] ? 1 : 0) - p[c]!) ** 2 / 3;
      }
    }
    expect(rberDataTerm(thetas, d, { lambda: 1, noiseVariance: 0.5 }).loss).toBeCloseTo(gibbs, 12);
  });

  it("charges less for the members' spread as λ falls", () => {
    const s = (lambda: number) => rberDataTerm(thetas, d, { lambda, noiseVariance: 0.25 }).loss;
    expect(s(0.05)).toBeLessThan(s(0.5));
    expect(s(0.5)).toBeLessThan(s(1));
  });
});
