import { describe, expect, it } from "vitest";
import { chooseThreshold, shouldAbstain } from "../../../shared/classify/abstain.ts";

const s = (maxProb: number, total = 1 - maxProb) => ({ maxProb, total, epistemic: total / 2 });

describe("abstention threshold for a target accuracy", () => {
  it("answers the most confident prefix whose accuracy reaches the target", () => {
    // Confidences descending: right, right, wrong, right, wrong.
    const scores = [s(0.9), s(0.8), s(0.7), s(0.6), s(0.5)];
    const correct = [true, true, false, true, false];
    const choice = chooseThreshold("maxProb", scores, correct, 0.75);
    // Prefixes: 1/1, 2/2, 2/3, 3/4 = 0.75 (largest reaching 0.75), 3/5; the threshold sits midway
    // between the last answered score (0.6) and the next (0.5).
    expect(choice).toMatchObject({ metric: "maxProb", coverage: 0.8, accuracy: 0.75 });
    expect(choice.threshold).toBeCloseTo(0.55, 12);
    expect(scores.map((x) => shouldAbstain(choice, x))).toEqual([false, false, false, false, true]);
  });

  it("keeps tied scores together, since one threshold cannot split them", () => {
    const choice = chooseThreshold("total", [s(0.9, 0.1), s(0.8, 0.2), s(0.8, 0.2)], [true, true, false], 0.9);
    expect(choice).toMatchObject({ coverage: 1 / 3 });
    expect(choice.threshold).toBeCloseTo(0.15, 12);
  });

  it("abstains on everything when no threshold reaches the target", () => {
    const choice = chooseThreshold("epistemic", [s(0.9), s(0.8)], [false, false], 0.5);
    expect(choice.coverage).toBe(0);
    expect(shouldAbstain(choice, s(1, 0))).toBe(true);
    expect(shouldAbstain(chooseThreshold("maxProb", [s(0.9)], [false], 0.5), s(1, 0))).toBe(true);
  });
});
