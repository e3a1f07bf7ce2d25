import { describe, expect, it } from "vitest";
import { runCalibration, SMALL_CALIBRATION } from "../../../trainers/spn/calibration.ts";
import { runTabularCalibration } from "../../../trainers/spn/calibration-tabular.ts";
import { DEFAULT_TRAIN_OPTIONS as d } from "../../../trainers/spn/train-options.ts";

/**
 * Fast version of `npm run eval:spn:calibration` (issue 13 item 2): synthetic data sets (400 rows
 * from a known 3-component SPN over 6 binary variables), one small training run each, 200 queries.
 * One data set's coverage swings widely (0.55-0.99 between seeds: its 200 queries share one data
 * set and one model), so a single seed cannot test the 85-95% target; that is the eval's job
 * (80 fresh seeds, docs/spn-api.md). This test pools the first three seeds (not chosen) and checks
 * what must hold on any three: the served intervals are far from the members-only ones (which
 * cover about a third) and not uselessly wide.
 */
describe("calibration of the served spread on synthetic data", () => {
  it("covers the true p(q | e) with most 90% intervals, where the members alone cover far less", () => {
    const runs = [1, 2, 3].map((seed) => runCalibration({ ...SMALL_CALIBRATION, seed }));
    const pooled = (over: "draws" | "members"): number =>
      runs.reduce((a, r) => a + r[over].covered, 0) / runs.reduce((a, r) => a + r.queries, 0);
    const draws = pooled("draws");
    const members = pooled("members");
    expect(runs.reduce((a, r) => a + r.queries, 0)).toBeGreaterThanOrEqual(600);
    expect(draws).toBeGreaterThanOrEqual(0.75);
    expect(draws).toBeLessThanOrEqual(0.97);
    expect(members).toBeLessThan(draws - 0.2);
    expect(runs.every((r) => r.draws.meanWidth < 0.2)).toBe(true);
  }, 180_000);

  it("covers as well with the trainer's default (empirical-Bayes, sampled) leaf priors", () => {
    // The old default (MC-EM refit of the leaf priors) pooled 0.52 on these seeds (0.67 on the eval's).
    const train = {
      ...SMALL_CALIBRATION.train,
      empiricalBayes: d.empiricalBayes,
      beta: d.beta,
      betaUpdate: d.betaUpdate,
    };
    const runs = [1, 2, 3].map((seed) => runCalibration({ ...SMALL_CALIBRATION, train, seed }));
    const draws = runs.reduce((a, r) => a + r.draws.covered, 0) / runs.reduce((a, r) => a + r.queries, 0);
    expect(draws).toBeGreaterThanOrEqual(0.75);
    expect(draws).toBeLessThanOrEqual(0.97);
    expect(runs.every((r) => r.draws.meanWidth < 0.2)).toBe(true);
  }, 180_000);

  it("covers as well on a mixed table (categorical, binary, continuous cells) with the trainer's defaults", () => {
    // 0.805 here with the priors sampled in the chain; kept at their column-group fit 0.795, refitted in burn-in 0.66.
    const train = { ...SMALL_CALIBRATION.train, empiricalBayes: d.empiricalBayes, betaUpdate: d.betaUpdate };
    const runs = [1, 2, 3, 4].map((seed) =>
      runTabularCalibration({ ...SMALL_CALIBRATION, truth: "tabular", train, seed }),
    );
    const draws = runs.reduce((a, r) => a + r.draws.covered, 0) / runs.reduce((a, r) => a + r.queries, 0);
    expect(draws).toBeGreaterThanOrEqual(0.75);
    expect(draws).toBeLessThanOrEqual(0.97);
  }, 180_000);
});
