import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, standardNormal, type Rng } from "../../../shared/numeric/rng.ts";
import { imageErrors } from "../../../trainers/prune/detector-target.ts";
import { runImp, smallestWithin } from "../../../trainers/prune/imp.ts";
import { applyMask, fullMask, magnitudeMask } from "../../../trainers/prune/magnitude.ts";
import {
  gaussianKl,
  klBernoulli,
  klInverseUpper,
  logBinomial,
  pacBayesBound,
} from "../../../trainers/prune/pac-bayes.ts";
import type { PruneTarget } from "../../../trainers/prune/target.ts";

describe("magnitude pruning", () => {
  it("drops the smallest |w| of the surviving weights", () => {
    const w = Float32Array.from([0.1, -3, 0.5, 2, -0.05]);
    const once = magnitudeMask(w, fullMask(5), 0.4);
    expect(Array.from(once)).toEqual([0, 1, 1, 1, 0]);
    // Already-pruned entries stay pruned; round(0.5 × 3) = 2 more go.
    expect(Array.from(magnitudeMask(w, once, 0.5))).toEqual([0, 1, 0, 0, 0]);
  });

  it("keeps every surviving weight at least as large as every weight it drops (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -10, max: 10 }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (values, fraction) => {
          const w = Float32Array.from(values);
          const mask = magnitudeMask(w, fullMask(w.length), fraction);
          const kept = values.filter((_, i) => mask[i] === 1).map(Math.abs);
          const dropped = values.filter((_, i) => mask[i] === 0).map(Math.abs);
          expect(dropped.length).toBe(Math.round(fraction * w.length));
          if (kept.length && dropped.length) expect(Math.min(...kept)).toBeGreaterThanOrEqual(Math.max(...dropped));
        },
      ),
    );
  });
});

/** Logistic regression on two informative and six noise features, trained by plain gradient descent. */
function logisticTarget(rng: Rng): PruneTarget & { starts: Float32Array[][] } {
  const [n, d] = [400, 8];
  const x = Float64Array.from({ length: n * d }, () => standardNormal(rng));
  const y = Int32Array.from({ length: n }, (_, i) =>
    Number(2 * x[i * d]! - 1.5 * x[i * d + 1]! + 0.3 * standardNormal(rng) > 0),
  );
  let w = Float32Array.from({ length: d }, () => 0.1 * standardNormal(rng));
  const errorOn = (from: number, to: number) => {
    let wrong = 0;
    for (let i = from; i < to; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * x[i * d + j]!;
      wrong += Number((z > 0 ? 1 : 0) !== y[i]);
    }
    return wrong / (to - from);
  };
  const rewindPoint = [w.slice()];
  const starts: Float32Array[][] = [];
  return {
    starts,
    tensors: [{ name: "w", size: d, prunable: true }],
    rewindPoint,
    getWeights: () => [w.slice()],
    setWeights: (weights) => {
      w = weights[0]!.slice();
    },
    train: (masks) => {
      starts.push([w.slice()]);
      for (let step = 0; step < 200; step++) {
        const grad = new Float64Array(d);
        for (let i = 0; i < 300; i++) {
          let z = 0;
          for (let j = 0; j < d; j++) z += w[j]! * x[i * d + j]!;
          const g = 1 / (1 + Math.exp(-z)) - y[i]!;
          for (let j = 0; j < d; j++) grad[j]! += (g * x[i * d + j]!) / 300;
        }
        for (let j = 0; j < d; j++) w[j] = masks[0]![j] ? w[j]! - 0.5 * grad[j]! : 0;
      }
    },
    test: () => ({ error: errorOn(300, 400), figures: {} }),
    validation: () => 1 - errorOn(300, 400),
    validationName: "valid accuracy",
    boundExamples: 300,
    boundChunks: 10,
    chunkError: (c) => errorOn(c * 30, (c + 1) * 30),
    priorChoices: 1,
    boundSample: "the 300 training rows",
  };
}

describe("iterative magnitude pruning with rewinding", () => {
  const target = logisticTarget(createRng(5));
  const rows = runImp(createRng(6), target, {
    rounds: 3,
    fraction: 0.5,
    sigmas: [0.3, 1],
    passes: 3,
    delta: 0.05,
    vacuousAbove: 0.999,
  });

  it("restarts every round from the rewound weights under that round's mask", () => {
    expect(target.starts.length).toBe(4);
    rows.forEach((r, k) =>
      expect(Array.from(target.starts[k]![0]!)).toEqual(Array.from(applyMask(target.rewindPoint[0]!, r.masks[0]!))),
    );
    // Round k keeps round(8 · 0.5^k)-ish weights: 8, 4, 2, 1.
    expect(rows.map((r) => r.kept)).toEqual([8, 4, 2, 1]);
  });

  it("keeps pruned weights at zero through training and finds the two informative features", () => {
    for (const r of rows) r.masks[0]!.forEach((m, i) => m === 0 && expect(r.weights[0]![i]).toBe(0));
    expect(Array.from(rows[2]!.masks[0]!)).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(smallestWithin(rows, 0.02).round).toBe(2);
  });

  it("bounds the error above the error on its own sample", () => {
    for (const r of rows) expect(r.bound.bound).toBeGreaterThanOrEqual(r.boundSampleError);
  });
});

describe("PAC-Bayes-kl bound", () => {
  const base = {
    sampledError: 0.1,
    draws: 1000,
    weightKl: 20,
    prunable: 100,
    kept: 30,
    levels: 5,
    sigmas: 3,
    delta: 0.05,
  };

  it("inverts kl(q ‖ p) at the budget", () => {
    const p = klInverseUpper(0.1, 0.05);
    expect(klBernoulli(0.1, p)).toBeCloseTo(0.05, 9);
    expect(p).toBeGreaterThan(0.1);
    // Rounding in kl near q = p leaves ~1e-9 of slack at a zero budget.
    expect(klInverseUpper(0.2, 0)).toBeCloseTo(0.2, 8);
  });

  it("is at least the empirical error and shrinks as m grows", () => {
    const bounds = [300, 3000, 30_000, 300_000].map((m) => pacBayesBound({ ...base, m }).bound);
    for (const b of bounds) expect(b).toBeGreaterThanOrEqual(base.sampledError);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]!).toBeLessThan(bounds[i - 1]!);
    // What is left at large m is the sampling bound on ê(Q) from 1,000 draws.
    expect(bounds[3]! - pacBayesBound({ ...base, m: 300_000 }).empiricalUpper).toBeLessThan(0.01);
  });

  it("charges the mask ln C(n, k) and the slab Σ(w − w0)²/2σ²", () => {
    expect(logBinomial(10, 3)).toBeCloseTo(Math.log(120), 10);
    expect(pacBayesBound({ ...base, m: 1000 }).maskNats).toBeCloseTo(logBinomial(100, 30), 10);
    const kl = gaussianKl(
      [Float32Array.from([1, 2, 3])],
      [Float32Array.from([0, 0, 0])],
      [Uint8Array.from([1, 0, 1])],
      2,
    );
    expect(kl).toBeCloseTo((1 + 9) / 8, 12);
  });
});

describe("detector image loss", () => {
  const truth = {
    input: new Float32Array(0),
    target: new Float32Array(0),
    boxes: [[10, 10, 8, 8]] as [number, number, number, number][],
  };
  it("is 0 when the top-scoring candidate hits a lesion, 1 when it misses or there is none", () => {
    const hit = { bbox: [10, 10, 8, 8] as [number, number, number, number], score: 0.6 };
    const away = { bbox: [60, 60, 8, 8] as [number, number, number, number], score: 0.9 };
    expect(imageErrors([[hit]], [truth])).toBe(0);
    expect(imageErrors([[hit, { ...away, score: 0.3 }]], [truth])).toBe(0);
    expect(imageErrors([[hit, away]], [truth])).toBe(1);
    expect(imageErrors([[]], [truth])).toBe(1);
  });
});
