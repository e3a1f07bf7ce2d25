import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ManifestSchema, type Manifest } from "../../shared/artifacts/manifest.ts";
import {
  CalibrationSchema,
  ClassifierConfigSchema,
  HeadSchema,
  type ClassifierConfig,
  type Head,
  type ParsedCalibration,
} from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS } from "../../shared/classify/caps.ts";
import { buildFeeds } from "../../shared/classify/inputs.ts";
import { preprocessInput } from "../../shared/classify/preprocess-input.ts";
import { tokenizerFromFiles } from "../../shared/classify/tokenizer-file.ts";
import { applyTextPipeline } from "../../shared/text/pipeline.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import type { OnnxSession } from "../../shared/onnx/types.ts";
import type { TextTokenizer } from "../../shared/classify/text-tokenizer.ts";
import { UserError } from "../common/cli.ts";

/**
 * The pooled encoder features of raw texts through the served path of a classifier folder: the
 * model's text pipeline, its tokenizer and padding (shared/classify: the code the worker runs)
 * into the folder's model.onnx on onnxruntime-node, read at the graph's `features` output (the
 * input of the head). The uncertainty heads are fitted and scored on exactly these numbers.
 */
export interface ServedModel {
  dir: string;
  manifest: Manifest;
  config: ClassifierConfig;
  calibration: ParsedCalibration;
  head: Head;
  tokenizer: TextTokenizer;
  session: OnnxSession;
}

const read = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), "utf8"));

export async function openServedModel(dir: string): Promise<ServedModel> {
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(read(dir, "manifest.json"));
  } catch (e) {
    throw new UserError(`${dir}: not a model folder (${(e as Error).message.split("\n")[0]})`);
  }
  const has = (f: string) => manifest.files.some((e) => e.path === f);
  if (manifest.kind !== "classifier" || !has("head.json") || !has("tokenizer.json"))
    throw new UserError(`${dir}: needs a text classifier with head.json and tokenizer.json`);
  const config = ClassifierConfigSchema.parse(read(dir, "classifier.json"));
  if (config.input.kind !== "text" || !config.outputs.features)
    throw new UserError(`${dir}: classifier.json must take text and name a features output`);
  return {
    dir,
    manifest,
    config,
    calibration: CalibrationSchema.parse(read(dir, "calibration.json")),
    head: HeadSchema.parse(read(dir, "head.json")),
    tokenizer: tokenizerFromFiles(read(dir, "tokenizer.json")),
    session: await createNodeSession(new Uint8Array(readFileSync(join(dir, "model.onnx")))),
  };
}

/** Texts the server would refuse (empty after the model's pipeline) are not sendable; callers drop them. */
export function isSendable(m: ServedModel, raw: string): boolean {
  const steps = m.config.input.kind === "text" ? m.config.input.preprocess : undefined;
  return !steps || applyTextPipeline(steps, raw).trim() !== "";
}

/** N × F features and N × C ONNX logits of raw texts. */
export async function servedFeatures(
  m: ServedModel,
  texts: readonly string[],
): Promise<{ features: Float64Array; logits: Float64Array }> {
  const F = m.head.features;
  const C = m.head.classes;
  const features = new Float64Array(texts.length * F);
  const logits = new Float64Array(texts.length * C);
  for (let start = 0; start < texts.length; start += MAX_INPUT_ROWS) {
    const batch = texts.slice(start, start + MAX_INPUT_ROWS);
    const { feeds } = buildFeeds(
      m.manifest.name,
      m.config,
      m.tokenizer,
      preprocessInput(m.config, { texts: [...batch] }),
    );
    const out = await m.session.run(feeds);
    features.set(Float64Array.from(out[m.config.outputs.features!]!.data as Float32Array), start * F);
    logits.set(Float64Array.from(out[m.config.outputs.logits]!.data as Float32Array), start * C);
  }
  return { features, logits };
}
