import { describe, expect, it } from "vitest";
import {
  conformalThreshold,
  fitConformal,
  labelScoresInto,
  predictionSet,
} from "../../../shared/classify/conformal.ts";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";

describe("split conformal quantile", () => {
  const scores = [9, 3, 1, 7, 5, 2, 8, 4, 6]; // n = 9

  it("takes index ⌈(n+1)(1−α)⌉ and sits midway to the next score", () => {
    expect(conformalThreshold(scores, 0.2)).toBe(8.5); // k = ⌈8⌉ = 8
    expect(conformalThreshold(scores, 0.5)).toBe(5.5); // k = ⌈5⌉ = 5
    expect(conformalThreshold(scores, 0.1)).toBeGreaterThan(9); // k = 9 = n: past the largest
  });

  it("is null (every label in the set) when ⌈(n+1)(1−α)⌉ > n", () => {
    expect(conformalThreshold(scores, 0.05)).toBeNull();
    expect(predictionSet([null], [5, 6, 7], 3)).toEqual([0, 1, 2]);
  });

  it("covers 1 − α on average over random splits of exchangeable scores", () => {
    const rng = createRng(3);
    const all = Array.from({ length: 400 }, () => rng.nextFloat());
    let covered = 0;
    const R = 300;
    for (let r = 0; r < R; r++) {
      const idx = all.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = uniformInt(rng, i + 1);
        [idx[i], idx[j]] = [idx[j]!, idx[i]!];
      }
      const t = conformalThreshold(
        idx.slice(0, 200).map((i) => all[i]!),
        0.1,
      )!;
      covered += idx.slice(200).filter((i) => all[i]! <= t).length / 200 / R;
    }
    expect(covered).toBeGreaterThan(0.895);
    expect(covered).toBeLessThan(0.9 + 1 / 201 + 0.005);
  });

  it("fits one quantile per label when Mondrian", () => {
    // Label 0's own scores are small, label 1's large: one threshold each.
    const labelScores = Float64Array.from([0.1, 9, 0.2, 9, 0.3, 9, 9, 5, 9, 6, 9, 7]);
    const y = [0, 0, 0, 1, 1, 1];
    const c = fitConformal({ score: "lac", lambda: 0, kReg: 0 }, labelScores, y, 2, [0.25], true);
    // n = 3 per label, k = ⌈4 · 0.75⌉ = 3 = n: half the last gap past the largest own score.
    expect(c.sets[0]!.thresholds[0]).toBeCloseTo(0.35, 12);
    expect(c.sets[0]!.thresholds[1]).toBeCloseTo(7.5, 12);
  });
});

describe("conformal scores", () => {
  const logMean = Float64Array.from([0.6, 0.3, 0.1].map(Math.log));

  it("lac is −log p̄_y, kept in log space", () => {
    const out = new Float64Array(3);
    labelScoresInto({ score: "lac", lambda: 0, kReg: 0 }, logMean, 3, out);
    expect(Array.from(out)).toEqual(Array.from(logMean, (v) => -v));
    labelScoresInto({ score: "lac", lambda: 0, kReg: 0 }, Float64Array.from([-1e-30, -70]), 2, out);
    expect(out[1]).toBe(70); // 1 − p̄ would round to exactly 1
  });

  it("aps is the mass ranked at or above y; raps adds λ·max(0, rank − kReg)", () => {
    const out = new Float64Array(3);
    labelScoresInto({ score: "aps", lambda: 0, kReg: 0 }, logMean, 3, out);
    expect(Array.from(out).map((v) => Number(v.toFixed(12)))).toEqual([0.6, 0.9, 1]);
    labelScoresInto({ score: "raps", lambda: 0.5, kReg: 1 }, logMean, 3, out);
    expect(Array.from(out).map((v) => Number(v.toFixed(12)))).toEqual([0.6, 1.4, 2]);
  });
});
