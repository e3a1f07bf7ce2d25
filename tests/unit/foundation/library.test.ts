import { describe, expect, it } from "vitest";
import {
  createRng,
  spnConditional,
  spnSample,
  uncertaintyScores,
  type Classifier,
  type SpnModel,
} from "../../../shared/index.ts";
import { openModels } from "../../../shared/node/index.ts";

describe("the core as a Node library (no HTTP)", () => {
  const models = openModels("models");

  it("answers SPN queries on a model read from disk, sha256-checked", async () => {
    const { compiled: spn } = await models.get("example", "spn");
    const yes = spnConditional(spn, { flu: "yes" }, { fever: "yes" });
    const no = spnConditional(spn, { flu: "no" }, { fever: "yes" });
    expect(yes.prob + no.prob).toBeCloseTo(1, 12);
    expect(spnSample(createRng(1), spn, 3, { fever: "yes" })).toEqual(
      spnSample(createRng(1), spn, 3, { fever: "yes" }),
    );
  });

  it("classifies with onnxruntime-node and scores uncertainty", async () => {
    const { compiled } = await models.get("demo-classifier", "classifier");
    const result = await compiled.classify({ inputs: [[0.5, -1.2, 0.3, 0.9, -0.4, 1.1, 0.0, -0.7]] });
    const probs = Object.values(result.predictions[0]!.probs);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(uncertaintyScores(Float64Array.from([0.5, 0.5]), 1, 2).epistemic).toBe(0);
  });
});
