import { DETECTOR_LAYERS, heatmapSide } from "../../shared/lesion-detect/detector-spec.ts";
import type { DetectorWeights } from "../lesion-detector/network.ts";
import type { OnnxGraph, OnnxInitializer, OnnxNode } from "./model-proto.ts";

export const DETECTOR_IO = { input: "image", output: "heatmap" } as const;

/** tfjs filters are [kh, kw, in, out]; ONNX Conv wants [out, in, kh, kw]. */
function toOihw(filter: Float32Array, k: number, ci: number, co: number): Float32Array {
  const out = new Float32Array(filter.length);
  for (let y = 0; y < k; y++) {
    for (let x = 0; x < k; x++) {
      for (let i = 0; i < ci; i++) {
        for (let o = 0; o < co; o++) out[((o * ci + i) * k + y) * k + x] = filter[((y * k + x) * ci + i) * co + o]!;
      }
    }
  }
  return out;
}

/**
 * The lesion detector (shared/lesion-detect/detector-spec.ts) as an ONNX graph: input
 * [batch, 1, side, side] standardised image (NCHW; one channel, so the same bytes as tfjs's
 * NHWC), output [batch, 1, side/2, side/2] lesion probabilities (Conv, Relu, MaxPool, Sigmoid).
 */
export function detectorGraph(weights: DetectorWeights, side: number): OnnxGraph {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  let current: string = DETECTOR_IO.input;
  let c = 0;
  DETECTOR_LAYERS.forEach((l, i) => {
    const next = `h${i}`;
    if (l.kind === "maxpool") {
      nodes.push({
        opType: "MaxPool",
        inputs: [current],
        outputs: [next],
        attributes: { kernel_shape: [l.size, l.size], strides: [l.size, l.size] },
      });
    } else {
      const w = weights[c]!;
      const pad = (l.dilation * (l.kernel - 1)) / 2;
      initializers.push({
        name: `W${c}`,
        dims: [l.outputs, l.inputs, l.kernel, l.kernel],
        data: toOihw(w.filter, l.kernel, l.inputs, l.outputs),
      });
      initializers.push({ name: `B${c}`, dims: [l.outputs], data: w.bias });
      const conv = l.relu ? `${next}_conv` : next;
      nodes.push({
        opType: "Conv",
        inputs: [current, `W${c}`, `B${c}`],
        outputs: [conv],
        attributes: {
          kernel_shape: [l.kernel, l.kernel],
          pads: [pad, pad, pad, pad],
          dilations: [l.dilation, l.dilation],
          strides: [1, 1],
        },
      });
      if (l.relu) nodes.push({ opType: "Relu", inputs: [conv], outputs: [next] });
      c++;
    }
    current = next;
  });
  nodes.push({ opType: "Sigmoid", inputs: [current], outputs: [DETECTOR_IO.output] });
  const h = heatmapSide(side);
  return {
    name: "lesion-detector",
    inputs: [{ name: DETECTOR_IO.input, elemType: "float32", dims: ["batch", 1, side, side] }],
    outputs: [{ name: DETECTOR_IO.output, elemType: "float32", dims: ["batch", 1, h, h] }],
    initializers,
    nodes,
  };
}
