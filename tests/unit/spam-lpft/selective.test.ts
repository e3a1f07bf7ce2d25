import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitBinaryLogistic } from "../../../trainers/spam-lpft/linear-probe.ts";
import { aurc, auroc } from "../../../trainers/spam-lpft/selective.ts";

describe("ranking metrics", () => {
  it("AUROC equals the brute-force pair count (ties count one half)", () => {
    const score = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(score, score, (neg, pos) => {
        let wins = 0;
        for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
        expect(auroc(neg, pos)).toBeCloseTo(wins / (pos.length * neg.length), 12);
      }),
    );
  });

  it("AURC is 0 when every error is ranked last... and the error rate for an uninformative score", () => {
    expect(aurc([0.1, 0.2, 0.9], [true, true, false])).toBeCloseTo((0 + 0 + 1 / 3) / 3, 12);
    expect(aurc([0.5, 0.5], [false, false])).toBe(1);
  });
});

describe("linear probe", () => {
  it("zeroes the gradient of mean CE + (l2/2)||w||² at its solution", () => {
    const x = Float64Array.from([0.5, -1, 1.5, 0.2, -0.3, 0.8, 2, 1, -1.2, -0.5, 0.1, 0.4]);
    const y = Int32Array.from([0, 1, 1, 0, 1, 0]);
    const { w, c } = fitBinaryLogistic(x, y, 0.1);
    const g = [0, 0, 0];
    for (let i = 0; i < 6; i++) {
      const p = 1 / (1 + Math.exp(-(w[0]! * x[2 * i]! + w[1]! * x[2 * i + 1]! + c)));
      g[0]! += ((p - y[i]!) * x[2 * i]!) / 6;
      g[1]! += ((p - y[i]!) * x[2 * i + 1]!) / 6;
      g[2]! += (p - y[i]!) / 6;
    }
    expect(Math.abs(g[0]! + 0.1 * w[0]!)).toBeLessThan(1e-9);
    expect(Math.abs(g[1]! + 0.1 * w[1]!)).toBeLessThan(1e-9);
    expect(Math.abs(g[2]!)).toBeLessThan(1e-9);
  });
});
