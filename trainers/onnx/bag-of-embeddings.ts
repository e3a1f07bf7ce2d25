import { createRng, standardNormal } from "../../shared/numeric/rng.ts";
import type { TokenizerSpec } from "../../shared/classify/artifact-schema.ts";
import type { OnnxGraph } from "./model-proto.ts";

/**
 * A tiny text classifier graph that exercises the text input path end to end (token ids and
 * attention mask in, features and logits out):
 *   features = ReduceSum(Gather(E, ids) ⊙ mask, axis 1)   [batch, D]
 *   logits   = features · Whᵀ + bh                        [batch, C]
 * Weights are seeded; it is a fixture for tests and an example of the text artifact, not a
 * useful model (the real text classifier comes from the transformer trainer).
 */
export const TEXT_FIXTURE_VOCAB = [
  "[PAD]",
  "[UNK]",
  "[CLS]",
  "[SEP]",
  "good",
  "bad",
  "great",
  "awful",
  "movie",
  "the",
  "was",
  "not",
  "##ly",
  "!",
  ".",
];

export const TEXT_FIXTURE_TOKENIZER: TokenizerSpec = {
  kind: "wordpiece",
  vocab: TEXT_FIXTURE_VOCAB,
  lowercase: true,
  continuationPrefix: "##",
  unknown: "[UNK]",
  padding: "[PAD]",
  classToken: "[CLS]",
  separatorToken: "[SEP]",
};

export interface TextFixture {
  graph: OnnxGraph;
  dim: number;
  classes: number;
  maxTokens: number;
}

export function textFixture(seed = 7, dim = 6, classes = 2, maxTokens = 12): TextFixture {
  const rng = createRng(seed);
  const normal = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * standardNormal(rng));
  const embeddings = normal(TEXT_FIXTURE_VOCAB.length * dim, 0.5);
  embeddings.fill(0, 0, dim); // [PAD] contributes nothing even without the mask
  return {
    dim,
    classes,
    maxTokens,
    graph: {
      name: "bag-of-embeddings",
      inputs: [
        { name: "input_ids", elemType: "int64", dims: ["batch", maxTokens] },
        { name: "attention_mask", elemType: "int64", dims: ["batch", maxTokens] },
      ],
      outputs: [
        { name: "features", elemType: "float32", dims: ["batch", dim] },
        { name: "logits", elemType: "float32", dims: ["batch", classes] },
      ],
      initializers: [
        { name: "E", dims: [TEXT_FIXTURE_VOCAB.length, dim], data: embeddings },
        { name: "Wh", dims: [classes, dim], data: normal(classes * dim, 1) },
        { name: "bh", dims: [classes], data: normal(classes, 0.1) },
        { name: "axis2", dims: [1], data: BigInt64Array.from([2n]) },
        { name: "axis1", dims: [1], data: BigInt64Array.from([1n]) },
      ],
      nodes: [
        { opType: "Gather", inputs: ["E", "input_ids"], outputs: ["embedded"], attributes: { axis: 0 } },
        { opType: "Cast", inputs: ["attention_mask"], outputs: ["mask_f"], attributes: { to: 1 } },
        { opType: "Unsqueeze", inputs: ["mask_f", "axis2"], outputs: ["mask_3d"] },
        { opType: "Mul", inputs: ["embedded", "mask_3d"], outputs: ["masked"] },
        { opType: "ReduceSum", inputs: ["masked", "axis1"], outputs: ["features"], attributes: { keepdims: 0 } },
        { opType: "Gemm", inputs: ["features", "Wh", "bh"], outputs: ["logits"], attributes: { transB: 1 } },
      ],
    },
  };
}
