import type { TransformerWeights } from "../onnx/transformer-graph.ts";
import { LN_EPSILON, MASK_NEGATIVE, type EncoderWeights, type LayerWeights } from "./encoder.ts";

/** The tfjs encoder and a head as the plain Float32Array weights the ONNX exporter takes. */
export function exportWeights(
  w: EncoderWeights,
  head: { v: ArrayLike<number>; b: ArrayLike<number> },
): TransformerWeights {
  const f = (v: { dataSync(): ArrayLike<number> }) => Float32Array.from(v.dataSync());
  const layers = w.layers.map(
    (l) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, f(v)])) as Record<keyof LayerWeights, Float32Array>,
  );
  return {
    vocab: w.config.vocab,
    dim: w.config.dim,
    heads: w.config.heads,
    ffn: w.config.ffn,
    maxTokens: w.config.maxTokens,
    classes: head.b.length,
    tokens: f(w.tokens),
    positions: f(w.positions),
    layers,
    lnfg: f(w.lnfg),
    lnfb: f(w.lnfb),
    headV: Float32Array.from(head.v),
    headB: Float32Array.from(head.b),
    layerNormEpsilon: LN_EPSILON,
    maskNegative: MASK_NEGATIVE,
  };
}
