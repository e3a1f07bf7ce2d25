import type { OnnxGraph } from "./model-proto.ts";

/**
 * A one-hidden-layer MLP classifier as an ONNX graph with two outputs:
 *   features = Relu(input · W1ᵀ + b1)   [batch, H]   (what the head posterior acts on)
 *   logits   = features · Whᵀ + bh      [batch, C]   (the mean head)
 * Weights are row-major (W1: H × D, Wh: C × H), the layout Gemm uses with transB = 1.
 */
export interface MlpWeights {
  inputs: number;
  hidden: number;
  classes: number;
  w1: Float32Array;
  b1: Float32Array;
  wh: Float32Array;
  bh: Float32Array;
}

export const MLP_IO = { input: "input", features: "features", logits: "logits" } as const;

export function mlpGraph(w: MlpWeights): OnnxGraph {
  return {
    name: "mlp-classifier",
    inputs: [{ name: MLP_IO.input, elemType: "float32", dims: ["batch", w.inputs] }],
    outputs: [
      { name: MLP_IO.features, elemType: "float32", dims: ["batch", w.hidden] },
      { name: MLP_IO.logits, elemType: "float32", dims: ["batch", w.classes] },
    ],
    initializers: [
      { name: "W1", dims: [w.hidden, w.inputs], data: w.w1 },
      { name: "b1", dims: [w.hidden], data: w.b1 },
      { name: "Wh", dims: [w.classes, w.hidden], data: w.wh },
      { name: "bh", dims: [w.classes], data: w.bh },
    ],
    nodes: [
      { opType: "Gemm", inputs: [MLP_IO.input, "W1", "b1"], outputs: ["hidden"], attributes: { transB: 1 } },
      { opType: "Relu", inputs: ["hidden"], outputs: [MLP_IO.features] },
      { opType: "Gemm", inputs: [MLP_IO.features, "Wh", "bh"], outputs: [MLP_IO.logits], attributes: { transB: 1 } },
    ],
  };
}
