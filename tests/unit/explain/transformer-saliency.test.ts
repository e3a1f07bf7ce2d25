import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";
import { majorityTask, trainTiny } from "../../../trainers/explain/tiny-transformer.ts";
import { transformerGroups, transformerSaliency } from "../../../trainers/explain/transformer-saliency.ts";
import { forward } from "../../../trainers/explain/transformer-model.ts";

type Coordinate = [tf.Variable, number];

describe("transformer parameter groups (trainers/explain/transformer-saliency.ts)", () => {
  it("computes a head's and an FFN neuron's gradient norm as central differences of the loss do", async () => {
    await useWasmBackend();
    const c = { vocab: 6, dim: 8, layers: 2, heads: 2, ffn: 8, maxTokens: 5 };
    const task = majorityTask(createRng(5), 64, c);
    const m = trainTiny(6, task, 20, c);
    const ids = task.ids.subarray(0, 5);
    const mask = task.mask.subarray(0, 5);
    const y = 1 - task.labels[0]!; // the wrong label: a loss of O(1), gradients well above float32 noise
    const s = transformerSaliency(m, ids, mask, y);
    const loss = () =>
      tf.tidy(
        () =>
          -forward(m, tf.tensor2d(ids, [1, 5], "int32"), tf.tensor2d(mask, [1, 5], "int32")).logProbs.dataSync()[y]!,
      );
    const differenceNorm = (coords: Coordinate[]) => {
      let sq = 0;
      for (const [v, i] of coords) {
        const base = v.dataSync().slice();
        const at = (d: number) => {
          const moved = base.slice();
          moved[i]! += d;
          v.assign(tf.tensor(moved, v.shape));
          return loss();
        };
        sq += ((at(1e-2) - at(-1e-2)) / 2e-2) ** 2;
        v.assign(tf.tensor(base, v.shape));
      }
      return Math.sqrt(sq);
    };
    const l = m.encoder.layers[0]!;
    const [D, F, dh, h, j] = [8, 8, 4, 1, 3];
    const head: Coordinate[] = [];
    for (const w of [l.wq, l.wk, l.wv])
      for (let r = 0; r < D; r++) for (let k = h * dh; k < (h + 1) * dh; k++) head.push([w, r * D + k]);
    for (const b of [l.bq, l.bk, l.bv]) for (let k = h * dh; k < (h + 1) * dh; k++) head.push([b, k]);
    for (let r = h * dh; r < (h + 1) * dh; r++) for (let k = 0; k < D; k++) head.push([l.wo, r * D + k]);
    const neuron: Coordinate[] = [[l.b1, j]];
    for (let r = 0; r < D; r++) neuron.push([l.w1, r * F + j], [l.w2, j * D + r]);
    const groups = transformerGroups(c);
    const headValue = s.values[groups.findIndex((g) => g.name === "L0 head 1")]!;
    const neuronValue = s.values[groups.findIndex((g) => g.name === "L0 neuron 3")]!;
    expect(Math.abs(headValue / differenceNorm(head) - 1)).toBeLessThan(0.01);
    expect(Math.abs(neuronValue / differenceNorm(neuron) - 1)).toBeLessThan(0.01);
    expect(groups.length).toBe(2 * (2 + 8));
  }, 60_000);
});
