import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ManifestSchema, type Manifest } from "../../shared/artifacts/manifest.ts";
import {
  CalibrationSchema,
  ClassifierConfigSchema,
  HeadSchema,
  type ParsedCalibration,
} from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS } from "../../shared/classify/caps.ts";
import { compileHead, memberLogits } from "../../shared/classify/head.ts";
import { buildFeeds } from "../../shared/classify/inputs.ts";
import { preprocessInput } from "../../shared/classify/preprocess-input.ts";
import { tokenizerFromFiles } from "../../shared/classify/tokenizer-file.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import { BadInputError, readLabelledFile } from "./labelled-file.ts";

/**
 * The member logits of a labelled file as the server computes them: the served input path
 * (text pipeline, tokenizer, padding) into onnxruntime-node, then the head members when the
 * folder has head.json (else the ONNX logits are the one member). N × M × C, row-major.
 */
export interface ServedLogits {
  manifest: Manifest;
  calibration: ParsedCalibration;
  labels: readonly string[];
  memberLogits: Float64Array;
  y: Int32Array;
  members: number;
  classes: number;
}

export const readJson = (dir: string, file: string): unknown => {
  const path = join(dir, file);
  if (!existsSync(path)) throw new BadInputError(`${path}: no such file (is ${dir} a classifier folder?)`);
  return JSON.parse(readFileSync(path, "utf8"));
};

export async function servedLogits(dir: string, dataPath: string): Promise<ServedLogits> {
  const manifest = ManifestSchema.parse(readJson(dir, "manifest.json"));
  if (manifest.kind !== "classifier" || !manifest.labels)
    throw new BadInputError(`${dir}: not a classifier model (kind ${manifest.kind})`);
  const labels = manifest.labels;
  const config = ClassifierConfigSchema.parse(readJson(dir, "classifier.json"));
  const calibration = CalibrationSchema.parse(readJson(dir, "calibration.json"));
  const has = (f: string) => manifest.files.some((e) => e.path === f);
  const tokenizer = has("tokenizer.json")
    ? tokenizerFromFiles(
        readJson(dir, "tokenizer.json"),
        has("tokenizer_config.json") ? readJson(dir, "tokenizer_config.json") : undefined,
      )
    : undefined;
  const head = has("head.json") ? compileHead(HeadSchema.parse(readJson(dir, "head.json"))) : undefined;
  const set = readLabelledFile(dataPath, labels);
  if (set.texts && config.input.kind !== "text")
    throw new BadInputError(`${dataPath}: the model takes numeric inputs, the file has texts`);
  if (set.inputs && config.input.kind === "text")
    throw new BadInputError(`${dataPath}: the model takes text, the file has numeric inputs`);
  const session = await createNodeSession(new Uint8Array(readFileSync(join(dir, "model.onnx"))));
  const C = labels.length;
  const n = set.labels.length;
  const logits = new Float64Array(n * C);
  const F = head?.features ?? 0;
  const features = new Float64Array(n * F);
  for (let start = 0; start < n; start += MAX_INPUT_ROWS) {
    const end = Math.min(n, start + MAX_INPUT_ROWS);
    const input = set.texts ? { texts: set.texts.slice(start, end) } : { inputs: set.inputs!.slice(start, end) };
    let feeds;
    try {
      feeds = buildFeeds(manifest.name, config, tokenizer, preprocessInput(config, input)).feeds;
    } catch (e) {
      throw new BadInputError(`${dataPath}: examples ${start}..${end - 1}: ${(e as Error).message}`);
    }
    const out = await session.run(feeds);
    logits.set(Float64Array.from(out[config.outputs.logits]!.data as Float32Array), start * C);
    if (head) features.set(Float64Array.from(out[config.outputs.features!]!.data as Float32Array), start * F);
  }
  const memberLogitsAll = head ? memberLogits(head, features) : logits;
  return {
    manifest,
    calibration,
    labels,
    memberLogits: memberLogitsAll,
    y: set.labels,
    members: head?.members ?? 1,
    classes: C,
  };
}
