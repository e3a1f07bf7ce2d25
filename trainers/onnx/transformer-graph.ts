import type { OnnxGraph, OnnxInitializer, OnnxNode } from "./model-proto.ts";

/**
 * A pre-LayerNorm transformer encoder text classifier as an ONNX graph (opset 17), the same
 * computation as trainers/spam-lpft/encoder.ts:
 *   x = E[ids] + P;  per layer: x += Attn(LN(x), mask);  x += W2 gelu_tanh(W1 LN(x) + b1) + b2
 *   features = sum_s LN_f(x)_s mask_s / sum_s mask_s       [batch, D]  (what head.json acts on)
 *   logits   = features · Vᵀ + b                           [batch, C]  (the mean head)
 * Padded keys get an additive -1e4 before the softmax, which zeroes them in float32. Matrices
 * are row-major [in, out] (x · W), as tfjs stores them; only non-negative attributes are used
 * (the writer does not encode negative varints), so axes are spelled out.
 */
export interface TransformerLayer {
  ln1g: Float32Array;
  ln1b: Float32Array;
  wq: Float32Array;
  bq: Float32Array;
  wk: Float32Array;
  bk: Float32Array;
  wv: Float32Array;
  bv: Float32Array;
  wo: Float32Array;
  bo: Float32Array;
  ln2g: Float32Array;
  ln2b: Float32Array;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export interface TransformerWeights {
  vocab: number;
  dim: number;
  heads: number;
  ffn: number;
  maxTokens: number;
  classes: number;
  tokens: Float32Array;
  positions: Float32Array;
  layers: TransformerLayer[];
  lnfg: Float32Array;
  lnfb: Float32Array;
  /** Head V [C × D] row-major and bias [C]. */
  headV: Float32Array;
  headB: Float32Array;
  layerNormEpsilon: number;
  maskNegative: number;
}

export const TRANSFORMER_IO = {
  ids: "input_ids",
  mask: "attention_mask",
  features: "features",
  logits: "logits",
} as const;

const GELU_C = Math.sqrt(2 / Math.PI);

export function transformerGraph(w: TransformerWeights): OnnxGraph {
  const { dim: D, heads: H, ffn, maxTokens: S, classes: C } = w;
  const dh = D / H;
  const inits: OnnxInitializer[] = [];
  const nodes: OnnxNode[] = [];
  const init = (name: string, dims: number[], data: Float32Array | BigInt64Array) => (
    inits.push({ name, dims, data }), name
  );
  const scalar = (name: string, x: number) => init(name, [], Float32Array.of(x));
  const ints = (name: string, xs: number[]) => init(name, [xs.length], BigInt64Array.from(xs.map(BigInt)));
  let n = 0;
  const op = (opType: string, inputs: string[], attributes?: OnnxNode["attributes"]): string => {
    const out = `t${n++}_${opType}`;
    nodes.push({ opType, inputs, outputs: [out], ...(attributes ? { attributes } : {}) });
    return out;
  };
  const ln = (x: string, g: string, b: string) =>
    op("LayerNormalization", [x, g, b], { axis: 2, epsilon: { float: w.layerNormEpsilon } });
  const linear = (x: string, wName: string, bName: string) => op("Add", [op("MatMul", [x, wName]), bName]);

  const one = scalar("one", 1);
  const negative = scalar("mask_negative", w.maskNegative);
  const scale = scalar("attention_scale", 1 / Math.sqrt(dh));
  const half = scalar("half", 0.5);
  const geluA = scalar("gelu_a", 0.044715);
  const geluC = scalar("gelu_c", GELU_C);
  const headsShape = ints("shape_heads", [0, 0, H, dh]);
  const mergedShape = ints("shape_merged", [0, 0, D]);
  init("E", [w.vocab, D], w.tokens);
  init("P", [S, D], w.positions);

  let x = op("Add", [op("Gather", ["E", TRANSFORMER_IO.ids], { axis: 0 }), "P"]);
  const maskF = op("Cast", [TRANSFORMER_IO.mask], { to: 1 });
  const maskBias = op("Unsqueeze", [op("Mul", [op("Sub", [one, maskF]), negative]), ints("axes_12", [1, 2])]); // [B,1,1,S]
  w.layers.forEach((l, i) => {
    const p = (k: keyof TransformerLayer, dims: number[]) => init(`l${i}.${k}`, dims, l[k]);
    const h = ln(x, p("ln1g", [D]), p("ln1b", [D]));
    const heads = (wn: keyof TransformerLayer, bn: keyof TransformerLayer, perm: number[]) =>
      op("Transpose", [op("Reshape", [linear(h, p(wn, [D, D]), p(bn, [D])), headsShape])], { perm });
    const q = heads("wq", "bq", [0, 2, 1, 3]);
    const kT = heads("wk", "bk", [0, 2, 3, 1]);
    const v = heads("wv", "bv", [0, 2, 1, 3]);
    const scores = op("Add", [op("Mul", [op("MatMul", [q, kT]), scale]), maskBias]);
    const ctx = op("Reshape", [
      op("Transpose", [op("MatMul", [op("Softmax", [scores], { axis: 3 }), v])], { perm: [0, 2, 1, 3] }),
      mergedShape,
    ]);
    x = op("Add", [x, linear(ctx, p("wo", [D, D]), p("bo", [D]))]);
    const f = linear(ln(x, p("ln2g", [D]), p("ln2b", [D])), p("w1", [D, ffn]), p("b1", [ffn]));
    const cube = op("Mul", [op("Mul", [f, f]), f]);
    const inner = op("Mul", [op("Add", [f, op("Mul", [cube, geluA])]), geluC]);
    const gelu = op("Mul", [op("Mul", [f, half]), op("Add", [op("Tanh", [inner]), one])]);
    x = op("Add", [x, linear(gelu, p("w2", [ffn, D]), p("b2", [D]))]);
  });
  const out = ln(x, init("lnfg", [D], w.lnfg), init("lnfb", [D], w.lnfb));
  const m3 = op("Unsqueeze", [maskF, ints("axes_2", [2])]); // [B,S,1]
  const axis1 = ints("axes_1", [1]);
  const num = op("ReduceSum", [op("Mul", [out, m3]), axis1], { keepdims: 0 });
  const den = op("ReduceSum", [m3, axis1], { keepdims: 0 });
  nodes.push({ opType: "Div", inputs: [num, den], outputs: [TRANSFORMER_IO.features] });
  init("Vh", [C, D], w.headV);
  init("bh", [C], w.headB);
  nodes.push({
    opType: "Gemm",
    inputs: [TRANSFORMER_IO.features, "Vh", "bh"],
    outputs: [TRANSFORMER_IO.logits],
    attributes: { transB: 1 },
  });
  return {
    name: "transformer-classifier",
    inputs: [
      { name: TRANSFORMER_IO.ids, elemType: "int64", dims: ["batch", S] },
      { name: TRANSFORMER_IO.mask, elemType: "int64", dims: ["batch", S] },
    ],
    outputs: [
      { name: TRANSFORMER_IO.features, elemType: "float32", dims: ["batch", D] },
      { name: TRANSFORMER_IO.logits, elemType: "float32", dims: ["batch", C] },
    ],
    initializers: inits,
    nodes,
  };
}
