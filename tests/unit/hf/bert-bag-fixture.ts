import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { bertTokenizerFiles } from "../../../trainers/hf-export/wordpiece-json.ts";
import { encodeOnnxModel } from "../../../trainers/onnx/model-proto.ts";
import { bertBaseVocab } from "./third-party-tokenizers.ts";

/**
 * A Hugging Face folder (optimum layout) for a BERT-shaped graph with a dynamic sequence axis:
 * input_ids, attention_mask and token_type_ids [batch, sequence] →
 *   pooler_output = Σ_s mask_s (E[id_s] + T[type_s]) / Σ_s mask_s     [batch, D]
 *   logits        = pooler_output · Wᵀ + b                            [batch, 2]
 * over bert-base-uncased's vocabulary, seeded weights. A fixture for the serving path (dynamic
 * padding, segment ids, pooled features for the Laplace head), not a useful classifier.
 */
export function writeBertBagFolder(dir: string, seed = 3, dim = 8): void {
  const rng = createRng(seed);
  const vocab = bertBaseVocab();
  const normal = (n: number, s: number) => Float32Array.from({ length: n }, () => s * standardNormal(rng));
  const onnx = encodeOnnxModel({
    name: "bert-bag",
    inputs: ["input_ids", "attention_mask", "token_type_ids"].map((name) => ({
      name,
      elemType: "int64" as const,
      dims: ["batch", "sequence"],
    })),
    outputs: [
      { name: "logits", elemType: "float32", dims: ["batch", 2] },
      { name: "pooler_output", elemType: "float32", dims: ["batch", dim] },
    ],
    initializers: [
      { name: "E", dims: [vocab.length, dim], data: normal(vocab.length * dim, 1) },
      { name: "T", dims: [2, dim], data: normal(2 * dim, 1) },
      { name: "W", dims: [2, dim], data: normal(2 * dim, 1) },
      { name: "b", dims: [2], data: normal(2, 0.1) },
      { name: "axis2", dims: [1], data: BigInt64Array.from([2n]) },
      { name: "axis1", dims: [1], data: BigInt64Array.from([1n]) },
    ],
    nodes: [
      { opType: "Gather", inputs: ["E", "input_ids"], outputs: ["tokens"], attributes: { axis: 0 } },
      { opType: "Gather", inputs: ["T", "token_type_ids"], outputs: ["segments"], attributes: { axis: 0 } },
      { opType: "Add", inputs: ["tokens", "segments"], outputs: ["embedded"] },
      { opType: "Cast", inputs: ["attention_mask"], outputs: ["mask_f"], attributes: { to: 1 } },
      { opType: "Unsqueeze", inputs: ["mask_f", "axis2"], outputs: ["mask_3d"] },
      { opType: "Mul", inputs: ["embedded", "mask_3d"], outputs: ["masked"] },
      { opType: "ReduceSum", inputs: ["masked", "axis1"], outputs: ["summed"], attributes: { keepdims: 0 } },
      { opType: "ReduceSum", inputs: ["mask_3d", "axis1"], outputs: ["count"], attributes: { keepdims: 0 } },
      { opType: "Div", inputs: ["summed", "count"], outputs: ["pooler_output"] },
      { opType: "Gemm", inputs: ["pooler_output", "W", "b"], outputs: ["logits"], attributes: { transB: 1 } },
    ],
  });
  const tokenizer = bertTokenizerFiles(vocab, 512);
  mkdirSync(join(dir, "onnx"), { recursive: true });
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({ model_type: "bert", id2label: { 0: "ham", 1: "spam" }, max_position_embeddings: 512 }),
  );
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(tokenizer.tokenizer));
  writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify(tokenizer.config));
  writeFileSync(join(dir, "onnx", "model.onnx"), onnx);
}
