import { describe, expect, it } from "vitest";
import { ensembleNll, fitEnsembleTemperature } from "../../../shared/calibration/ensemble-temperature.ts";
import { fitTemperature } from "../../../shared/calibration/temperature.ts";
import { createRng, standardNormal, uniformInt } from "../../../shared/numeric/rng.ts";

/** M members that share a signal and disagree by `spread`, all scaled by `scale` (over-confident when large). */
function ensemble(seed: number, n: number, members: number, classes: number, scale: number, spread: number) {
  const rng = createRng(seed);
  const logits = new Float64Array(n * members * classes);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = uniformInt(rng, classes);
    const shared = Array.from({ length: classes }, (_, c) => standardNormal(rng) + (c === labels[i] ? 1.5 : 0));
    for (let m = 0; m < members; m++)
      for (let c = 0; c < classes; c++)
        logits[(i * members + m) * classes + c] = scale * (shared[c]! + spread * standardNormal(rng));
  }
  return { logits, labels };
}

describe("ensemble temperature scaling (NLL of the member average)", () => {
  it("with one member and no prior finds the minimum that Newton on the convex NLL finds", () => {
    for (const [seed, scale] of [
      [1, 4],
      [2, 0.5],
      [3, 1],
    ] as const) {
      const { logits, labels } = ensemble(seed, 300, 1, 3, scale, 0);
      const newton = fitTemperature(logits, labels, 3).beta;
      expect(fitEnsembleTemperature(logits, labels, 1, 3, Infinity).beta / newton).toBeCloseTo(1, 4);
      // The default log-normal prior moves a well-determined T by little.
      expect(Math.abs(Math.log(fitEnsembleTemperature(logits, labels, 1, 3).beta / newton))).toBeLessThan(0.1);
    }
  });

  it("keeps T finite when the member-average NLL is flat towards T -> 0 (separable, diverse members)", () => {
    // Every example: 7 of 8 members right and one wrong, all with margin 2; sharper members only help.
    const M = 8;
    const n = 200;
    const logits = new Float64Array(n * M * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) for (let m = 0; m < M; m++) logits[(i * M + m) * 2 + (m < 7 ? 0 : 1)] = 2;
    const ml = fitEnsembleTemperature(logits, labels, M, 2, Infinity);
    const map = fitEnsembleTemperature(logits, labels, M, 2);
    expect(ml.temperature).toBeLessThan(0.1); // maximum likelihood heads for hard votes
    expect(map.temperature).toBeGreaterThan(0.2);
    expect(map.nllAfter).toBeLessThan(map.nllBefore + 1e-9);
  });

  it("is a minimum of the served member-average NLL, at least as good as the mean-logit fit", () => {
    const M = 8;
    const C = 2;
    const { logits, labels } = ensemble(4, 400, M, C, 5, 1.5);
    const fit = fitEnsembleTemperature(logits, labels, M, C, Infinity);
    const nll = (beta: number) => ensembleNll(logits, labels, M, C, beta);
    expect(fit.nllAfter).toBeCloseTo(nll(fit.beta), 12);
    for (const f of [0.97, 1.03]) expect(nll(fit.beta * f)).toBeGreaterThan(fit.nllAfter);
    // The mean head's logits: what was fitted before, ignoring the members' spread.
    const mean = new Float64Array(labels.length * C);
    for (let i = 0; i < labels.length; i++)
      for (let m = 0; m < M; m++) for (let c = 0; c < C; c++) mean[i * C + c]! += logits[(i * M + m) * C + c]! / M;
    expect(fit.nllAfter).toBeLessThanOrEqual(nll(fitTemperature(mean, labels, C).beta));
    expect(fit.nllAfter).toBeLessThan(fit.nllBefore);
  });

  it("refuses empty or mis-shaped input", () => {
    expect(() => fitEnsembleTemperature([], [], 2, 2)).toThrow(RangeError);
    expect(() => fitEnsembleTemperature([1, 2, 3], [0], 2, 2)).toThrow(/logits/);
  });
});
