import { describe, expect, it } from "vitest";
import { heatmapSide } from "../../../shared/lesion-detect/detector-spec.ts";
import { createNodeSession } from "../../../shared/node/onnx-session.ts";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { DetectorNet, initialWeights } from "../../../trainers/lesion-detector/network.ts";
import { detectorGraph, DETECTOR_IO } from "../../../trainers/onnx/detector-graph.ts";
import { encodeOnnxModel } from "../../../trainers/onnx/model-proto.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";

describe("lesion detector ONNX export", () => {
  it("gives onnxruntime-node the heatmap tfjs computes (≤ 1e-4)", async () => {
    const tf = await useWasmBackend();
    const rng = createRng(3);
    const weights = initialWeights(rng);
    for (const w of weights) for (let i = 0; i < w.bias.length; i++) w.bias[i] = 0.1 * standardNormal(rng);
    const net = new DetectorNet(tf, weights);
    const side = 32;
    const inputs = [0, 1].map(() => Float32Array.from({ length: side * side }, () => standardNormal(rng)));
    const expected = net.predict(inputs, side);
    net.dispose();
    const session = await createNodeSession(encodeOnnxModel(detectorGraph(weights, side)));
    const input = new Float32Array(2 * side * side);
    input.set(inputs[0]!, 0);
    input.set(inputs[1]!, side * side);
    const out = await session.run({ [DETECTOR_IO.input]: { data: input, dims: [2, 1, side, side] } });
    const got = out[DETECTOR_IO.output]!;
    const h = heatmapSide(side);
    expect(got.dims).toEqual([2, 1, h, h]);
    let worst = 0;
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < h * h; j++)
        worst = Math.max(worst, Math.abs((got.data[i * h * h + j] as number) - expected[i]![j]!));
    expect(worst).toBeLessThanOrEqual(1e-4);
  });
});
