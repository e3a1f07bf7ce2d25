import * as tf from "@tensorflow/tfjs";
import * as ortWeb from "onnxruntime-web";
import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { createNodeSession } from "../../../shared/node/onnx-session.ts";
import { encodeOnnxModel } from "../../../trainers/onnx/model-proto.ts";
import { TRANSFORMER_IO, transformerGraph } from "../../../trainers/onnx/transformer-graph.ts";
import { initEncoder, pooledFeatures } from "../../../trainers/spam-lpft/encoder.ts";
import { exportWeights } from "../../../trainers/spam-lpft/export-weights.ts";
import { headLogits } from "../../../trainers/spam-lpft/features.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";

const ROWS = 100;
const S = 16;

describe("exported transformer graph", () => {
  it("gives tfjs's features and logits under onnxruntime-node and onnxruntime-web (wasm, in Node) for 100 padded inputs, within 1e-4", async () => {
    await useWasmBackend();
    const config = { vocab: 40, dim: 16, layers: 2, heads: 2, ffn: 32, maxTokens: S };
    const enc = initEncoder(config, 11, "parity");
    // Larger weights than the N(0, 0.02) start, so attention and GELU are far from linear.
    for (const v of [enc.tokens, enc.positions, ...enc.layers.flatMap((l) => [l.wq, l.wk, l.wv, l.wo, l.w1, l.w2])])
      v.assign(tf.mul(v, 40));
    const rng = createRng(5);
    const head = {
      v: Float64Array.from({ length: 2 * 16 }, () => rng.nextFloat() - 0.5),
      b: Float64Array.of(0.3, -0.2),
    };
    const ids = new Int32Array(ROWS * S);
    const mask = new Int32Array(ROWS * S);
    for (let r = 0; r < ROWS; r++) {
      const len = 2 + uniformInt(rng, S - 1); // 2..S real tokens, the rest padding
      for (let i = 0; i < len; i++) [ids[r * S + i], mask[r * S + i]] = [i === 0 ? 2 : 5 + uniformInt(rng, 35), 1];
    }
    const tfFeatures = Float64Array.from(
      tf.tidy(() =>
        pooledFeatures(enc, tf.tensor2d(ids, [ROWS, S], "int32"), tf.tensor2d(mask, [ROWS, S], "int32")).dataSync(),
      ),
    );
    const tfLogits = headLogits(tfFeatures, head.v, head.b, 2);
    const bytes = encodeOnnxModel(transformerGraph(exportWeights(enc, head)));
    const session = await createNodeSession(bytes);
    const out = await session.run({
      [TRANSFORMER_IO.ids]: { data: BigInt64Array.from(ids, BigInt), dims: [ROWS, S] },
      [TRANSFORMER_IO.mask]: { data: BigInt64Array.from(mask, BigInt), dims: [ROWS, S] },
    });
    const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      Math.max(...Array.from(a, (x, i) => Math.abs(x - Number(b[i]))));
    expect(out[TRANSFORMER_IO.features]!.dims).toEqual([ROWS, 16]);
    expect(maxDiff(tfFeatures, out[TRANSFORMER_IO.features]!.data as Float32Array)).toBeLessThan(1e-4);
    expect(maxDiff(tfLogits, out[TRANSFORMER_IO.logits]!.data as Float32Array)).toBeLessThan(1e-4);
    // The features must not be trivially equal across rows (a broken mask would make them so).
    expect(Math.abs(tfFeatures[0]! - tfFeatures[16]!) + Math.abs(tfFeatures[1]! - tfFeatures[17]!)).toBeGreaterThan(
      1e-3,
    );

    ortWeb.env.wasm.numThreads = 1;
    const web = await ortWeb.InferenceSession.create(bytes);
    const webOut = await web.run({
      [TRANSFORMER_IO.ids]: new ortWeb.Tensor("int64", BigInt64Array.from(ids, BigInt), [ROWS, S]),
      [TRANSFORMER_IO.mask]: new ortWeb.Tensor("int64", BigInt64Array.from(mask, BigInt), [ROWS, S]),
    });
    expect(maxDiff(tfFeatures, webOut[TRANSFORMER_IO.features]!.data as Float32Array)).toBeLessThan(1e-4);
    expect(maxDiff(tfLogits, webOut[TRANSFORMER_IO.logits]!.data as Float32Array)).toBeLessThan(1e-4);
  });
});
