import { describe, expect, it } from "vitest";
import type { Classifier } from "../../../shared/classify/classifier.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import { openModels } from "../../../shared/node/index.ts";
import { bootstrapAbstention, randomSplits, serveSet } from "../../../trainers/calibrate/guarantee-study.ts";
import { shippedSplit } from "../../../trainers/calibrate/shipped-splits.ts";

/**
 * Issue 15's targets on the shipped artifacts, through the Node library (Classifier.serve on
 * onnxruntime-node, the worker's code): the test data of each model is served once (spam-lpft's
 * raw test e-mails from the npm package, the demo task's test rows redrawn from its seed), then
 * 200 random calibration/test splits refit the stored conformal score and the abstention rule.
 */
const SPLITS = 200;
const models = openModels("models");

describe.each(["spam-lpft", "demo-classifier"])("guarantees of the shipped %s", (name) => {
  it("stores conformal sets for α = 0.05 and 0.1 and a δ for its abstention rule", async () => {
    const { compiled } = await models.get(name, "classifier");
    expect(compiled.alphas).toEqual(expect.arrayContaining([0.05, 0.1]));
    expect(compiled.calibration.abstain.delta).toBeGreaterThan(0);
  });

  it("covers 1 − α within ±1.5 points on average over 200 calibration/test splits, and answered accuracy reaches its target in >= 1 − δ of i.i.d. calibration draws", async () => {
    const { compiled } = await models.get(name, "classifier");
    const set = await serveSet(compiled, shippedSplit(`models/${name}`, "test"));
    expect(set.y.length).toBeGreaterThan(400);
    const f = randomSplits(createRng(2026), set, compiled, [0.05, 0.1], SPLITS, 0.5);
    for (const c of f.conformal)
      expect(Math.abs(c.coverage - (1 - c.alpha)), `α ${c.alpha}: mean coverage ${c.coverage}`).toBeLessThanOrEqual(
        0.015,
      );
    const { targetAccuracy, delta } = compiled.calibration.abstain;
    const runs = bootstrapAbstention(createRng(2027), set, compiled, SPLITS, set.y.length);
    const held = runs.filter((r) => r.answered === 0 || r.accuracy >= targetAccuracy).length / runs.length;
    expect(held).toBeGreaterThanOrEqual(1 - delta!);
    // Not vacuous: the rule answers most of the data on average.
    expect(runs.reduce((s, r) => s + r.answered, 0) / runs.length).toBeGreaterThan(0.5);
  }, 120_000);
});
