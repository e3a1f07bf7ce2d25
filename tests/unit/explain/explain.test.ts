import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/artifacts/sha256.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import { demoSplits } from "../../../trainers/classifier-demo/dataset.ts";
import { forward, initMlp, trainMlp, type Mlp } from "../../../trainers/classifier-demo/mlp.ts";
import { buildReference, explainErrors, explainExample } from "../../../trainers/explain/explain.ts";
import { fitGpd, potScore, tailModel } from "../../../trainers/explain/pot.ts";
import { groupSaliency, parameterGroups } from "../../../trainers/explain/saliency.ts";
import { openServed, servedView } from "../../../trainers/explain/served-check.ts";
import { servedMlp } from "../../../trainers/explain/served-mlp.ts";
import { predict } from "../../../trainers/long-tail/metrics.ts";

const golden = JSON.parse(readFileSync("tests/unit/classify/golden/onnx-reference.json", "utf8")) as {
  tolerance: number;
  demo: { onnxSha256: string; inputs: number[][]; onnx: { logits: number[][] } };
};

describe("parameter saliency for a misclassification (trainers/explain)", () => {
  it("explains the served model: weights read from model.onnx give the worker's logits (golden, checked in workerd)", async () => {
    const bytes = readFileSync("models/demo-classifier/model.onnx");
    expect(await sha256Hex(bytes)).toBe(golden.demo.onnxSha256);
    const mlp = servedMlp("models/demo-classifier");
    const logits = new Float64Array(mlp.classes);
    golden.demo.inputs.forEach((x, r) => {
      forward(mlp, x, 0, new Float64Array(mlp.hidden), logits);
      logits.forEach((v, c) =>
        expect(Math.abs(v - golden.demo.onnx.logits[r]![c]!)).toBeLessThanOrEqual(golden.tolerance),
      );
    });
  });

  it("agrees with the model folder opened as the server opens it (onnxruntime-node) and reports its served label", async () => {
    const mlp = servedMlp("models/demo-classifier");
    const classifier = await openServed("models/demo-classifier");
    for (const x of golden.demo.inputs.slice(0, 3)) {
      const view = await servedView(classifier, mlp, x);
      expect(view.maxDifference).toBeLessThanOrEqual(1e-5);
      expect(["alpha", "beta", "gamma"]).toContain(view.label);
    }
    // A model whose weights are not the served ones is refused.
    const other = { ...mlp, bh: mlp.bh.map((v) => v + 0.01) };
    await expect(servedView(classifier, other, golden.demo.inputs[0]!)).rejects.toThrow(/differ from the served ONNX/);
  });

  it("computes each group's gradient norm as finite differences of the loss do", () => {
    const mlp = initMlp(createRng(2), 3, 4, 3);
    const x = [0.3, -1.2, 0.8];
    const s = groupSaliency(mlp, x, 0, 1);
    const loss = (m: Mlp) => groupSaliency(m, x, 0, 1).loss;
    // Hidden neuron 2: W1 row 2, b1[2], Wh column 2.
    const coords: [keyof Mlp & ("w1" | "b1" | "wh"), number][] = [
      ["w1", 6],
      ["w1", 7],
      ["w1", 8],
      ["b1", 2],
      ["wh", 2],
      ["wh", 6],
      ["wh", 10],
    ];
    let sq = 0;
    for (const [key, i] of coords) {
      const up = { ...mlp, [key]: mlp[key].slice() } as Mlp;
      const down = { ...mlp, [key]: mlp[key].slice() } as Mlp;
      up[key][i]! += 1e-6;
      down[key][i]! -= 1e-6;
      sq += ((loss(up) - loss(down)) / 2e-6) ** 2;
    }
    expect(s.values[2]).toBeCloseTo(Math.sqrt(sq), 6);
  });

  it("fits the generalised Pareto tail (exponential excesses → ξ ≈ 0, σ ≈ mean) and scores rarer saliencies higher", () => {
    const rng = createRng(4);
    const excesses = Float64Array.from({ length: 20000 }, () => -2 * Math.log(1 - rng.nextFloat()));
    const fit = fitGpd(excesses);
    expect(Math.abs(fit.shape)).toBeLessThan(0.05);
    expect(fit.scale).toBeCloseTo(2, 1);
    const t = tailModel(excesses, 0.1);
    expect(potScore(t, 10)).toBeGreaterThan(potScore(t, 6));
    expect(potScore(t, 1)).toBeCloseTo(-Math.log10(Math.exp(-0.5)), 1); // empirical part below the threshold
  });

  it("ranks a planted corrupted neuron (incoming weights × 50) first by the POT score over the errors it causes", () => {
    const { train, valid, test } = demoSplits(3, { train: 1500, valid: 1000, test: 1000 });
    const mlp = initMlp(createRng(1), 8, 16, 3);
    trainMlp(createRng(2), mlp, train, { epochs: 10, batch: 32, learningRate: 0.02, momentum: 0.9, weightDecay: 1e-4 });
    const before = predict(mlp, test);
    const planted = 5;
    const bad: Mlp = { ...mlp, w1: mlp.w1.slice(), b1: mlp.b1.slice() };
    for (let d = 0; d < 8; d++) bad.w1[planted * 8 + d]! *= 50;
    bad.b1[planted]! *= 50;
    const after = predict(bad, test);
    const caused = [...test.y.keys()].filter((i) => before[i] === test.y[i] && after[i] !== test.y[i]);
    expect(caused.length).toBeGreaterThan(50);
    const groups = parameterGroups(bad, ["a", "b", "c"]);
    const reference = buildReference(bad, valid);
    const set = explainErrors(bad, reference, groups, test, caused);
    expect(set[0]).toMatchObject({ layer: "hidden", name: `neuron ${planted}`, potRank: 1, zRank: 1 });
    // Error by error, POT puts it first for most of them (the z-score for nearly all; see docs).
    const firsts = caused.filter(
      (i) => explainExample(bad, reference, groups, test.x, i * 8, test.y[i]!).rows[0]!.name === `neuron ${planted}`,
    );
    expect(firsts.length / caused.length).toBeGreaterThan(0.5);
    // The uncorrupted model has no such neuron: the same scores on its own errors rank others first.
    const clean = explainErrors(
      mlp,
      buildReference(mlp, valid),
      groups,
      test,
      [...test.y.keys()].filter((i) => before[i] !== test.y[i]),
    );
    expect(clean[0]!.name).not.toBe(`neuron ${planted}`);
  });
});
