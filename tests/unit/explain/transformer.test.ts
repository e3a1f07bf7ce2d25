import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";
import { readRaw } from "../../../trainers/spam-lpft/spam-data.ts";
import { scoreGroups, scoreSet } from "../../../trainers/explain/group-scores.ts";
import { openServed } from "../../../trainers/explain/served-check.ts";
import { servedTransformer, transformerHeads } from "../../../trainers/explain/served-transformer.ts";
import { maxAbsDifference, requireAgreement, servedTextRows } from "../../../trainers/explain/transformer-check.ts";
import { rowSaliency, transformerReference } from "../../../trainers/explain/transformer-explain.ts";
import { transformerGroups } from "../../../trainers/explain/transformer-saliency.ts";
import {
  majorityTask,
  plantNeuron,
  predictRows,
  TINY_CONFIG,
  trainTiny,
} from "../../../trainers/explain/tiny-transformer.ts";

describe("parameter saliency of a transformer (trainers/explain, spam encoder builder)", () => {
  it("rebuilds the served spam model in tfjs: ONNX features and served probabilities agree within 1e-4", async () => {
    await useWasmBackend();
    const classifier = await openServed("models/spam-lpft");
    const model = servedTransformer("models/spam-lpft", transformerHeads("models/spam-lpft"), classifier);
    // Raw e-mails as users send them (the served pipeline and tokenizer do the rest).
    const texts = [readRaw("spam-1", "00289.61a681a72c71512f115ad65033acc7c9.txt"), "Meeting moved to 3pm, see you"];
    const rows = await servedTextRows(classifier, texts);
    const F = model.encoder.config.dim;
    texts.forEach((_, i) => {
      const s = rowSaliency(model, rows, i, 1, "raw");
      expect(maxAbsDifference(rows.onnxFeatures, s.features, i * F)).toBeLessThan(1e-4);
      const served = Array.from(rows.servedLogProbs.subarray(2 * i, 2 * i + 2), Math.exp);
      expect(maxAbsDifference(served, Array.from(s.logProbs, Math.exp))).toBeLessThan(1e-4);
      expect(s.values.length).toBe(2 * (4 + 256));
    });
    // A rebuild whose weights are not the served ones is refused.
    const ln = model.encoder.layers[1]!.ln2b;
    ln.assign(tf.add(ln, 0.05));
    const off = rowSaliency(model, rows, 0, 1, "raw");
    expect(() => requireAgreement("features", maxAbsDifference(rows.onnxFeatures, off.features))).toThrow(
      /not the served model/,
    );
  }, 60_000);

  it("ranks a planted corrupted FFN neuron (incoming weights × −50) first over the errors it causes", async () => {
    await useWasmBackend();
    const train = majorityTask(createRng(1), 256);
    const valid = majorityTask(createRng(2), 150);
    const test = majorityTask(createRng(3), 300);
    const model = trainTiny(4, train, 30);
    const before = predictRows(model, test);
    expect(before.filter((p, i) => p === test.labels[i]).length / test.rows).toBeGreaterThan(0.9);
    const bad = plantNeuron(model, 1, 12, -50);
    const after = predictRows(bad, test);
    const caused = [...test.labels.keys()].filter((i) => before[i] === test.labels[i] && after[i] !== test.labels[i]);
    expect(caused.length).toBeGreaterThan(30);
    const groups = transformerGroups(TINY_CONFIG);
    const ref = transformerReference(bad, groups, valid, valid.labels);
    const perError = caused.map((i) => rowSaliency(bad, test, i, test.labels[i]!).values);
    const set = scoreSet(groups, ref, perError).filter((r) => r.layer === "L1 FFN");
    expect(set[0]).toMatchObject({ name: "L1 neuron 12", potRank: 1, zRank: 1 });
    // Error by error too, by both scores, for most of the errors.
    const first = perError.filter((v) =>
      scoreGroups(groups, ref, v).some((r) => r.name === "L1 neuron 12" && r.potRank === 1 && r.zRank === 1),
    );
    expect(first.length / caused.length).toBeGreaterThan(0.8);
    // The uncorrupted model, explained at the same examples' WRONG labels, does not single it out.
    const clean = transformerReference(model, groups, valid, valid.labels);
    const cleanSet = scoreSet(
      groups,
      clean,
      caused.map((i) => rowSaliency(model, test, i, 1 - test.labels[i]!).values),
    ).filter((r) => r.layer === "L1 FFN");
    expect(cleanSet[0]!.name).not.toBe("L1 neuron 12");
  }, 60_000);
});
