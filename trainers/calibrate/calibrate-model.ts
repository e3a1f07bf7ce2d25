import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ManifestSchema, type Manifest } from "../../shared/artifacts/manifest.ts";
import { calibrationMetrics, type CalibrationMetrics } from "../../shared/calibration/metrics.ts";
import { fitEnsembleTemperature } from "../../shared/calibration/ensemble-temperature.ts";
import { fitTemperature } from "../../shared/calibration/temperature.ts";
import { chooseThreshold } from "../../shared/classify/abstain.ts";
import { CalibrationSchema, ClassifierConfigSchema, HeadSchema, type Calibration } from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS } from "../../shared/classify/caps.ts";
import { compileHead, memberLogits } from "../../shared/classify/head.ts";
import { buildFeeds } from "../../shared/classify/inputs.ts";
import { preprocessInput } from "../../shared/classify/preprocess-input.ts";
import { tokenizerFromFiles } from "../../shared/classify/tokenizer-file.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import { renderModelsIndex } from "../../scripts/models-index.ts";
import { fileEntry } from "../common/manifest-writer.ts";
import { scoreSet } from "../spam-lpft/uncertainty-eval.ts";
import { BadInputError, readLabelledFile } from "./labelled-file.ts";

/**
 * Refits the temperature of any classifier folder (docs/classifier-artifact.md) on a labelled
 * file with onnxruntime-node (Guo et al. 2017): runs the served input path, fits T on the NLL of
 * the served prediction (the member average when head.json exists, else the logits), re-chooses
 * the abstention threshold for the folder's metric and target accuracy with the served scoring,
 * and rewrites calibration.json and the manifest's sha256. Figures are in-sample on the file
 * that fitted T.
 */
export interface CalibrateResult {
  temperatureBefore: number;
  temperature: number;
  examples: number;
  before: CalibrationMetrics;
  after: CalibrationMetrics;
  calibration: Calibration;
}

const readJson = (dir: string, file: string): unknown => {
  const path = join(dir, file);
  if (!existsSync(path)) throw new BadInputError(`${path}: no such file (is ${dir} a classifier folder?)`);
  return JSON.parse(readFileSync(path, "utf8"));
};

export async function calibrateModel(dir: string, dataPath: string): Promise<CalibrateResult> {
  const manifest: Manifest = ManifestSchema.parse(readJson(dir, "manifest.json"));
  if (manifest.kind !== "classifier" || !manifest.labels) throw new BadInputError(`${dir}: not a classifier model (kind ${manifest.kind})`);
  const labels = manifest.labels;
  const config = ClassifierConfigSchema.parse(readJson(dir, "classifier.json"));
  const old = CalibrationSchema.parse(readJson(dir, "calibration.json"));
  const has = (f: string) => manifest.files.some((e) => e.path === f);
  const tokenizer = has("tokenizer.json") ? tokenizerFromFiles(readJson(dir, "tokenizer.json"), has("tokenizer_config.json") ? readJson(dir, "tokenizer_config.json") : undefined) : undefined;
  const head = has("head.json") ? compileHead(HeadSchema.parse(readJson(dir, "head.json"))) : undefined;
  const set = readLabelledFile(dataPath, labels);
  if (set.texts && config.input.kind !== "text") throw new BadInputError(`${dataPath}: the model takes numeric inputs, the file has texts`);
  if (set.inputs && config.input.kind === "text") throw new BadInputError(`${dataPath}: the model takes text, the file has numeric inputs`);
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
  // With a head posterior the served answer is the member average, so T is fitted on its NLL.
  const fit = head ? fitEnsembleTemperature(memberLogits(head, features), set.labels, head.members, C) : fitTemperature(logits, set.labels, C);
  const score = (t: number) => (head ? scoreSet(features, set.labels, head, t) : scoreSet(logits, set.labels, identityHead(C), t));
  const before = score(old.temperature);
  const after = score(fit.temperature);
  const scores = Array.from(after.correct, (_, i) => ({ epistemic: after.epistemic[i]!, total: after.total[i]!, maxProb: after.maxProb[i]! }));
  const rule = chooseThreshold(old.abstain.metric, scores, after.correct, old.abstain.targetAccuracy);
  const r4 = (v: number) => Number(v.toFixed(4));
  const m = { before: calibrationMetrics(before.probs, set.labels, C), after: calibrationMetrics(after.probs, set.labels, C) };
  const calibration: Calibration = {
    method: "temperature-scaling",
    temperature: fit.temperature,
    abstain: { metric: rule.metric, threshold: rule.threshold, targetAccuracy: old.abstain.targetAccuracy, coverage: r4(rule.coverage) },
    fit: { split: `calibrate: ${basename(dataPath)} (in-sample)`, examples: n, iterations: fit.iterations, nllBefore: r4(m.before.nll), nllAfter: r4(m.after.nll), eceBefore: r4(m.before.ece), eceAfter: r4(m.after.ece) },
  };
  writeFolder(dir, manifest, calibration);
  return { temperatureBefore: old.temperature, temperature: fit.temperature, examples: n, before: m.before, after: m.after, calibration };
}

/** Without a head the ONNX logits are the only member: an identity "head" over the logits. */
function identityHead(C: number) {
  const weights = new Float64Array(C * C);
  for (let c = 0; c < C; c++) weights[c * C + c] = 1;
  return { weights, bias: new Float64Array(C), members: 1, classes: C };
}

function writeFolder(dir: string, manifest: Manifest, calibration: Calibration): void {
  const text = `${JSON.stringify(calibration, null, 2)}\n`;
  writeFileSync(join(dir, "calibration.json"), text);
  const files = manifest.files.map((f) => (f.path === "calibration.json" ? fileEntry("calibration.json", f.role, text) : f));
  const updated = ManifestSchema.parse({ ...manifest, files, metrics: { ...manifest.metrics, calibratedTemperature: Number(calibration.temperature.toPrecision(6)) } });
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(updated, null, 2)}\n`);
  const parent = dirname(resolve(dir));
  if (parent === resolve("models")) writeFileSync(join(parent, "index.ts"), renderModelsIndex(parent));
}
