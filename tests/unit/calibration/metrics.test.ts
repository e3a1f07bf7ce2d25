import { describe, expect, it } from "vitest";
import { adaptiveEce, calibrationMetrics, classwiseEce, reliabilityBins } from "../../../shared/calibration/metrics.ts";
import { softmaxRows } from "../../../shared/calibration/softmax.ts";
import { eceFloor } from "../../../shared/calibration/ece-floor.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

describe("calibration metrics", () => {
  it("computes ECE and MCE by hand on four predictions", () => {
    // Confidences 0.9, 0.9 fall in bin (13/15, 14/15]; 0.6, 0.6 in (8/15, 9/15].
    const probs = [0.9, 0.1, 0.9, 0.1, 0.6, 0.4, 0.4, 0.6];
    const labels = [0, 1, 0, 0];
    // Bin of 0.9: two predictions, one right: |0.5 − 0.9| = 0.4, weight 2/4.
    // Bin of 0.6: predictions 0 (label 0, right) and 1 (label 0, wrong): |0.5 − 0.6| = 0.1, weight 2/4.
    const m = calibrationMetrics(probs, labels, 2);
    expect(m.ece).toBeCloseTo(0.5 * 0.4 + 0.5 * 0.1, 12);
    expect(m.mce).toBeCloseTo(0.4, 12);
    expect(m.accuracy).toBe(0.5);
    expect(m.nll).toBeCloseTo(-(Math.log(0.9) + Math.log(0.1) + Math.log(0.6) + Math.log(0.4)) / 4, 12);
    expect(m.brier).toBeCloseTo((2 * 0.01 + 2 * 0.81 + 2 * 0.16 + 2 * 0.36) / 4, 12);
  });

  it("puts a confidence on a bin edge into the lower bin, (m/B, (m+1)/B]", () => {
    const bins = reliabilityBins([0.6, 0.4], [0], 2, 5); // 0.6 = 3/5 is the top edge of bin 2
    expect(bins[2]).toMatchObject({ count: 1, accuracy: 1, confidence: 0.6 });
  });

  it("gives zero ECE for perfectly calibrated frequencies", () => {
    // Ten predictions at 0.7 confidence, seven of them right.
    const probs = Array.from({ length: 10 }, () => [0.7, 0.3]).flat();
    const labels = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    expect(calibrationMetrics(probs, labels, 2).ece).toBeCloseTo(0, 12);
  });

  it("makes softmax rows that sum to 1 even for huge logits", () => {
    const p = softmaxRows([1000, 999, -1000, 0, 0, 0], 3, 1);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 14);
    expect(p[3]).toBeCloseTo(1 / 3, 14);
  });
});

describe("ECE floor of a perfectly calibrated model", () => {
  it("shrinks like 1/sqrt(n) and is what calibrated draws actually score", () => {
    const rng = createRng(11);
    const confidences = (n: number) => Float64Array.from({ length: n }, () => 0.9 + 0.1 * rng.nextFloat());
    const small = eceFloor(confidences(400), createRng(1));
    const large = eceFloor(confidences(6400), createRng(1));
    expect(small.mean / large.mean).toBeGreaterThan(3);
    expect(small.mean / large.mean).toBeLessThan(5.5);
    expect(small.p90).toBeGreaterThan(small.mean);
    // Labels drawn from the confidences themselves: their measured ECE sits within the floor's spread.
    const conf = confidences(400);
    const probs = new Float64Array(800);
    const labels = new Int32Array(400);
    let below = 0;
    for (let t = 0; t < 50; t++) {
      for (let i = 0; i < 400; i++) {
        probs[2 * i] = conf[i]!;
        probs[2 * i + 1] = 1 - conf[i]!;
        labels[i] = rng.nextFloat() < conf[i]! ? 0 : 1;
      }
      if (calibrationMetrics(probs, labels, 2).ece <= eceFloor(conf, createRng(t)).p90) below++;
    }
    expect(below).toBeGreaterThanOrEqual(38);
  });

  it("is far below the ECE of an over-confident model", () => {
    const conf = new Float64Array(400).fill(0.999);
    const probs = Float64Array.from({ length: 800 }, (_, j) => (j % 2 === 0 ? 0.999 : 0.001));
    const labels = Int32Array.from({ length: 400 }, (_, i) => (i % 20 === 0 ? 1 : 0)); // 95 % accurate
    expect(calibrationMetrics(probs, labels, 2).ece).toBeGreaterThan(10 * eceFloor(conf, createRng(2)).p90);
  });
});

describe("classwise and adaptive ECE", () => {
  it("are 0 for a perfectly calibrated binary model and see what top-class ECE misses", () => {
    // p(1) = 0.5 on 4 examples, two of each label: calibrated for every class.
    const probs = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    expect(classwiseEce(probs, [0, 1, 0, 1], 2)).toBe(0);
    expect(adaptiveEce(probs, [0, 1, 0, 1], 2, 2)).toBeCloseTo(0, 12); // top class is label 0 everywhere: each bin right half the time at confidence 0.5
    expect(adaptiveEce([0.9, 0.1, 0.9, 0.1, 0.6, 0.4, 0.6, 0.4], [0, 0, 0, 1], 2, 2)).toBeCloseTo(
      (Math.abs(1 - 1.2) + Math.abs(2 - 1.8)) / 4,
      12,
    );
    // 3 classes, always 0.6 / 0.3 / 0.1 on the label-0 winner, and label 0 is right 60% of the time,
    // but label 2 never occurs: top-class ECE is 0, classwise ECE is not.
    const p3 = Array.from({ length: 10 }, () => [0.6, 0.3, 0.1]).flat();
    const y3 = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
    expect(calibrationMetrics(p3, y3, 3).ece).toBeCloseTo(0, 12);
    expect(classwiseEce(p3, y3, 3)).toBeCloseTo((0 + 0.1 + 0.1) / 3, 12);
  });
});
