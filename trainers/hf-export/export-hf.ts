import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ManifestSchema } from "../../shared/artifacts/manifest.ts";
import { ClassifierConfigSchema, TokenizerSchema } from "../../shared/classify/artifact-schema.ts";
import { isHfTokenizerJson } from "../../shared/classify/tokenizer-file.ts";
import { wordPieceSpecFiles } from "./wordpiece-json.ts";

/**
 * Writes one of our text classifiers in the layout Hugging Face optimum and transformers.js use,
 * so that any tool of that ecosystem (and `npm run model:add -- --hf`) can take it:
 *   config.json            id2label / label2id, max_position_embeddings, our architecture
 *   tokenizer.json         the WordPiece vocabulary as a `tokenizers` pipeline giving the same ids
 *   tokenizer_config.json  model_max_length, special tokens, padding/truncation side
 *   onnx/model.onnx        the served graph unchanged (input_ids, attention_mask → logits, features)
 * The head posterior and temperature are ours and stay behind: model:add refits them.
 */
export function exportHfFolder(modelDir: string, outDir: string): string[] {
  const read = (file: string) => JSON.parse(readFileSync(join(modelDir, file), "utf8")) as unknown;
  const manifest = ManifestSchema.parse(read("manifest.json"));
  if (manifest.kind !== "classifier" || !manifest.labels) throw new Error(`${modelDir}: not a classifier model`);
  const config = ClassifierConfigSchema.parse(read("classifier.json"));
  if (config.input.kind !== "text") throw new Error(`${modelDir}: only text classifiers have a Hugging Face layout`);
  const onnx = manifest.files.find((f) => f.role === "onnx")?.path;
  const tokenizerPath = manifest.files.find((f) => f.role === "tokenizer")?.path;
  if (!onnx || !tokenizerPath) throw new Error(`${modelDir}: manifest.json lists no onnx or tokenizer file`);
  const tokenizerJson = read(tokenizerPath);
  const maxTokens = config.input.maxTokens;
  const files = isHfTokenizerJson(tokenizerJson)
    ? {
        tokenizer: tokenizerJson as Record<string, unknown>,
        config: manifest.files.some((f) => f.role === "tokenizer-config")
          ? (read("tokenizer_config.json") as Record<string, unknown>)
          : {},
      }
    : wordPieceSpecFiles(TokenizerSchema.parse(tokenizerJson), maxTokens);
  const labels = manifest.labels;
  const a = (manifest.training as { architecture?: Record<string, number> }).architecture ?? {};
  // transformers' names for the encoder's shape, where the trainer recorded it.
  const shape = {
    hidden_size: a.dim,
    num_hidden_layers: a.layers,
    num_attention_heads: a.heads,
    intermediate_size: a.ffn,
    vocab_size: a.vocab,
  };
  const hfConfig = {
    architectures: ["ProbableEdgeEncoderForSequenceClassification"],
    model_type: "probable-edge-encoder",
    id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
    problem_type: "single_label_classification",
    max_position_embeddings: maxTokens,
    ...Object.fromEntries(Object.entries(shape).filter(([, v]) => v !== undefined)),
    // Our extension: the text pipeline the model was trained behind, so that model:add --hf serves it too.
    probable_edge: {
      name: manifest.name,
      version: manifest.version,
      exported_from: modelDir,
      outputs: config.outputs,
      ...(config.input.preprocess ? { preprocess: config.input.preprocess } : {}),
    },
  };
  mkdirSync(join(outDir, "onnx"), { recursive: true });
  const written = [
    join(outDir, "config.json"),
    join(outDir, "tokenizer.json"),
    join(outDir, "tokenizer_config.json"),
    join(outDir, "onnx", "model.onnx"),
  ];
  writeFileSync(written[0]!, JSON.stringify(hfConfig, null, 2) + "\n");
  writeFileSync(written[1]!, JSON.stringify(files.tokenizer) + "\n");
  writeFileSync(written[2]!, JSON.stringify(files.config, null, 2) + "\n");
  copyFileSync(join(modelDir, onnx), written[3]!);
  return written;
}
