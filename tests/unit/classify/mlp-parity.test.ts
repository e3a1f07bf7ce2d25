import { describe, expect, it } from "vitest";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { createNodeSession } from "../../../shared/node/onnx-session.ts";
import { DIM, mixtureMeans, sampleMixture } from "../../../trainers/classifier-demo/dataset.ts";
import { forward, initMlp, roundToFloat32, trainMlp } from "../../../trainers/classifier-demo/mlp.ts";
import { encodeOnnxModel } from "../../../trainers/onnx/model-proto.ts";
import { MLP_IO, mlpGraph } from "../../../trainers/onnx/mlp-graph.ts";

describe("exported MLP graph", () => {
  it("gives the TS forward pass's features and logits under onnxruntime-node, within 1e-5", async () => {
    const rng = createRng(3);
    const mlp = initMlp(rng, DIM, 16, 3);
    trainMlp(rng, mlp, sampleMixture(rng, mixtureMeans(rng), 300), {
      epochs: 2,
      batch: 32,
      learningRate: 0.02,
      momentum: 0.9,
      weightDecay: 0,
    });
    roundToFloat32(mlp);
    const f32 = (a: Float64Array) => Float32Array.from(a);
    const bytes = encodeOnnxModel(
      mlpGraph({
        inputs: DIM,
        hidden: 16,
        classes: 3,
        w1: f32(mlp.w1),
        b1: f32(mlp.b1),
        wh: f32(mlp.wh),
        bh: f32(mlp.bh),
      }),
    );
    const session = await createNodeSession(bytes);
    const rows = 9;
    const x = Float32Array.from({ length: rows * DIM }, () => 3 * standardNormal(rng));
    const out = await session.run({ [MLP_IO.input]: { data: x, dims: [rows, DIM] } });
    expect(out[MLP_IO.features]!.dims).toEqual([rows, 16]);
    const features = new Float64Array(16);
    const logits = new Float64Array(3);
    for (let r = 0; r < rows; r++) {
      forward(mlp, x, r * DIM, features, logits);
      features.forEach((v, h) =>
        expect(Math.abs((out[MLP_IO.features]!.data[r * 16 + h] as number) - v)).toBeLessThan(1e-5),
      );
      logits.forEach((v, c) =>
        expect(Math.abs((out[MLP_IO.logits]!.data[r * 3 + c] as number) - v)).toBeLessThan(1e-5),
      );
    }
  });
});
