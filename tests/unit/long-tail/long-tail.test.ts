import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { initMlp, trainMlp, type Mlp } from "../../../trainers/classifier-demo/mlp.ts";
import { demoLongTail } from "../../../trainers/long-tail/demo-long-tail.ts";
import { longTailCounts, subsampleClasses } from "../../../trainers/long-tail/imbalance.ts";
import { balancedScores, predict } from "../../../trainers/long-tail/metrics.ts";
import { classBalancedWeights, classCounts, SGD_BASE } from "../../../trainers/long-tail/weight-balancing.ts";

const rowNorms = (w: Float64Array, width: number) =>
  Array.from({ length: w.length / width }, (_, r) => Math.hypot(...w.subarray(r * width, (r + 1) * width)));
const clone = (m: Mlp): Mlp => ({ ...m, w1: m.w1.slice(), b1: m.b1.slice(), wh: m.wh.slice(), bh: m.bh.slice() });

describe("weight balancing for long-tailed labels (trainers/long-tail)", () => {
  const task = demoLongTail(0, 100);

  it("builds the exponential long-tail profile (imbalance factor 100 → 1333 : 133 : 13) from a balanced split", () => {
    expect(longTailCounts([1334, 1333, 1333], 100)).toEqual([1333, 133, 13]);
    expect(Array.from(classCounts(task.train.y, 3))).toEqual([1333, 133, 13]);
    // Validation and test stay balanced.
    expect(Array.from(classCounts(task.test.y, 3))).toEqual([500, 500, 500]);
    const tiny = subsampleClasses(createRng(1), task.test, [2, 0, 1]);
    expect(Array.from(tiny.y).sort()).toEqual([0, 0, 2]);
  });

  it("weighs classes by 1 / n_c with mean weight 1 over the training set", () => {
    const w = classBalancedWeights(Float64Array.from([100, 10, 1]));
    expect(w[0]! * 100).toBeCloseTo(w[2]! * 1, 12); // every class carries the same total weight
    expect(w[0]! * 100 + w[1]! * 10 + w[2]!).toBeCloseTo(111, 12); // Σ n_c w_c = N
    expect(Array.from(classBalancedWeights(Float64Array.from([5, 0])))).toEqual([1, 0]);
  });

  it("MaxNorm keeps every neuron's incoming weights inside the ball (and without it they leave it)", () => {
    const sgd = { ...SGD_BASE, epochs: 3, weightDecay: 0 };
    const free = initMlp(createRng(3), 8, 16, 3);
    const capped = clone(free);
    trainMlp(createRng(4), free, task.train, sgd);
    trainMlp(createRng(4), capped, task.train, { ...sgd, maxNorm: 0.8 });
    expect(Math.max(...rowNorms(free.w1, 8), ...rowNorms(free.wh, 16))).toBeGreaterThan(0.8);
    for (const n of [...rowNorms(capped.w1, 8), ...rowNorms(capped.wh, 16)]) expect(n).toBeLessThanOrEqual(0.8 + 1e-12);
  });

  it("stage 2 (class-balanced head, features frozen) raises minority recall on the long-tailed demo task", () => {
    const mlp = initMlp(createRng(5), 8, 16, 3);
    trainMlp(createRng(6), mlp, task.train, { ...SGD_BASE, epochs: 10, weightDecay: 1e-3, maxNorm: 3 });
    const before = balancedScores(predict(mlp, task.test), task.test.y, 3);
    const features = [mlp.w1.slice(), mlp.b1.slice()];
    const weights = classBalancedWeights(classCounts(task.train.y, 3));
    trainMlp(createRng(7), mlp, task.train, {
      ...SGD_BASE,
      epochs: 10,
      weightDecay: 1e-3,
      maxNorm: 2,
      classWeights: weights,
      headOnly: true,
    });
    const after = balancedScores(predict(mlp, task.test), task.test.y, 3);
    expect([mlp.w1, mlp.b1]).toEqual(features); // the feature layer did not move
    expect(after.recall[2]! - before.recall[2]!).toBeGreaterThan(0.2);
    expect(after.balancedAccuracy).toBeGreaterThan(before.balancedAccuracy + 0.03);
  });
});
