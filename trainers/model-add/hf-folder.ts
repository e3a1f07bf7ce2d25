import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { type TextPipeline, TextPipelineSchema } from "../../shared/text/pipeline.ts";

/**
 * A model folder in the layout Hugging Face optimum and transformers.js use: config.json
 * (id2label gives the labels in logit order), tokenizer.json, tokenizer_config.json, and the
 * graph at onnx/model.onnx or onnx/model_quantized.onnx (or model.onnx at the top).
 */
const ConfigSchema = z.looseObject({
  id2label: z.record(z.string(), z.string()),
  max_position_embeddings: z.number().int().positive().optional(),
  problem_type: z.string().nullable().optional(),
  /** Written by model:export-hf: the text pipeline the model was trained behind. */
  probable_edge: z.looseObject({ preprocess: TextPipelineSchema.optional() }).optional(),
});

export interface HfFolder {
  onnx: string;
  labels: string[];
  tokenizer: unknown;
  tokenizerConfig: Record<string, unknown>;
  maxPositions: number | undefined;
  preprocess: TextPipeline | undefined;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

export function readHfFolder(dir: string, quantized = false): HfFolder {
  const parsed = ConfigSchema.safeParse(readJson(join(dir, "config.json")));
  if (!parsed.success)
    throw new Error(
      `${join(dir, "config.json")}: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message} (a sequence-classification config with id2label is needed)`,
    );
  const config = parsed.data;
  if (config.problem_type === "multi_label_classification")
    throw new Error(`${dir}: a multi-label model (sigmoid per label) is not a softmax classifier`);
  const ids = Object.keys(config.id2label)
    .map(Number)
    .sort((a, b) => a - b);
  if (ids.some((id, i) => id !== i))
    throw new Error(`${join(dir, "config.json")}: id2label keys must be 0..${ids.length - 1}`);
  const labels = ids.map((id) => config.id2label[String(id)]!);
  const candidates = quantized
    ? ["onnx/model_quantized.onnx", "model_quantized.onnx"]
    : ["onnx/model.onnx", "model.onnx", "onnx/model_quantized.onnx"];
  const onnx = candidates.map((c) => join(dir, c)).find((p) => existsSync(p));
  if (!onnx) throw new Error(`${dir}: no ${candidates.join(" or ")}`);
  const tokenizerConfigPath = join(dir, "tokenizer_config.json");
  return {
    onnx,
    labels,
    tokenizer: readJson(join(dir, "tokenizer.json")),
    tokenizerConfig: existsSync(tokenizerConfigPath) ? (readJson(tokenizerConfigPath) as Record<string, unknown>) : {},
    maxPositions: config.max_position_embeddings,
    preprocess: config.probable_edge?.preprocess,
  };
}
