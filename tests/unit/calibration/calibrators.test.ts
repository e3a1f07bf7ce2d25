import { describe, expect, it } from "vitest";
import { calibratedLogProbsInto, compileCalibrator, stepValue } from "../../../shared/classify/calibrator.ts";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { chooseCalibrator, fitCandidate, servedNll } from "../../../trainers/calibrate/choose-calibrator.ts";
import { fitIsotonicMap } from "../../../trainers/calibrate/fit-map.ts";

const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;

/** n examples, C classes, logits = scale · (one-hot(y) + noise) + classBias (one member). */
function synthetic(seed: number, n: number, C: number, scale: number, classBias: number[]) {
  const rng = createRng(seed);
  const y = new Int32Array(n);
  const z = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    // The true label follows the noiseless logits' softmax, so a calibrated map exists.
    const clean = Array.from({ length: C }, () => 1.5 * standardNormal(rng));
    const p = clean.map(Math.exp);
    const total = p.reduce((a, b) => a + b, 0);
    let u = rng.nextFloat() * total;
    let label = 0;
    while (label < C - 1 && (u -= p[label]!) > 0) label++;
    y[i] = label;
    for (let c = 0; c < C; c++) z[i * C + c] = scale * clean[c]! + classBias[c]!;
  }
  return { y, z };
}

describe("served calibration maps", () => {
  it("an identity matrix map serves what temperature scaling serves", () => {
    const logits = Float64Array.from([1.5, -0.2, 0.7, 3, 0, -1]);
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    calibratedLogProbsInto(compileCalibrator({ temperature: 1.7 }, 3), logits, 0, 2, a, 0, new Float64Array(3));
    const identity = { kind: "matrix" as const, classes: 3, weights: [1, 0, 0, 0, 1, 0, 0, 0, 1], bias: [0, 0, 0] };
    calibratedLogProbsInto(
      compileCalibrator({ temperature: 1.7, map: identity }, 3),
      logits,
      0,
      2,
      b,
      0,
      new Float64Array(3),
    );
    for (let i = 0; i < 6; i++) expect(b[i]).toBeCloseTo(a[i]!, 12);
  });

  it("a binary step map takes the first bin whose upper edge is >= p", () => {
    expect(stepValue([0.2, 0.6, 1], [0.1, 0.5, 0.9], 0.2)).toBe(0.1);
    expect(stepValue([0.2, 0.6, 1], [0.1, 0.5, 0.9], 0.21)).toBe(0.5);
    expect(stepValue([0.2, 0.6, 1], [0.1, 0.5, 0.9], 1)).toBe(0.9);
    expect(() => compileCalibrator({ temperature: 1, map: { kind: "binary", upper: [1], values: [0.5] } }, 3)).toThrow(
      /two labels/,
    );
  });

  it("isotonic regression is monotone and never 0 or 1", () => {
    const { y, z } = synthetic(5, 600, 2, 1, [0, 0]);
    const L = new Float64Array(z.length);
    for (let i = 0; i < y.length; i++) {
      const m = Math.max(z[2 * i]!, z[2 * i + 1]!);
      const lse = m + Math.log(Math.exp(z[2 * i]! - m) + Math.exp(z[2 * i + 1]! - m));
      L[2 * i] = z[2 * i]! - lse;
      L[2 * i + 1] = z[2 * i + 1]! - lse;
    }
    const map = fitIsotonicMap(L, y, 1);
    if (map.kind !== "binary") throw new Error("expected a binary map");
    for (let k = 1; k < map.values.length; k++) expect(map.values[k]).toBeGreaterThanOrEqual(map.values[k - 1]!);
    expect(Math.min(...map.values)).toBeGreaterThan(0);
    expect(Math.max(...map.values)).toBeLessThan(1);
  });
});

describe("choosing the calibrator by cross-validated NLL", () => {
  it("keeps temperature scaling when a temperature is all the logits lack", () => {
    const { y, z } = synthetic(1, 1500, 3, 2.5, [0, 0, 0]);
    expect(chooseCalibrator(createRng(0), z, y, 1, 3, ["temperature", "vector", "dirichlet-0.01"]).chosen).toBe(
      "temperature",
    );
  });

  it("picks a matrix map when the logits carry a per-class bias, and it lowers held-out NLL", () => {
    const train = synthetic(2, 1500, 3, 1, [2, 0, -2]);
    const test = synthetic(3, 3000, 3, 1, [2, 0, -2]);
    const choice = chooseCalibrator(createRng(0), train.z, train.y, 1, 3, ["temperature", "vector", "dirichlet-0.01"]);
    expect(choice.chosen).not.toBe("temperature");
    const nll = (c: "temperature" | "vector" | "dirichlet-0.01") =>
      mean(servedNll(fitCandidate(c, train.z, train.y, 1, 3), test.z, test.y, 1, 3));
    expect(nll(choice.chosen as "vector")).toBeLessThan(nll("temperature") - 0.02);
  });
});
