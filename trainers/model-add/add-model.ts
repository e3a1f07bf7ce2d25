import { readFileSync } from "node:fs";
import { calibrationMetrics } from "../../shared/calibration/metrics.ts";
import { softmaxRows } from "../../shared/calibration/softmax.ts";
import { fitTemperature } from "../../shared/calibration/temperature.ts";
import { chooseThreshold } from "../../shared/classify/abstain.ts";
import { TokenizerSchema, type Calibration, type ClassifierConfig } from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS } from "../../shared/classify/caps.ts";
import { buildFeeds } from "../../shared/classify/inputs.ts";
import { WordPieceTokenizer } from "../../shared/classify/tokenizer.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import type { OnnxSession } from "../../shared/onnx/types.ts";
import { uncertaintyScores } from "../../shared/uncertainty/scores.ts";
import { readCalibrationSet, type CalibrationSet } from "./calibration-set.ts";
import type { ClassifierArtifact } from "./classifier-files.ts";
import { inferConfig } from "./infer-config.ts";

export interface AddModelOptions {
  onnx: string;
  labels: string[];
  calibration: string;
  name: string;
  tokenizer?: string;
  logits?: string;
  maxTokens?: number;
  targetAccuracy: number;
  command: string;
}

const round = (x: number) => Number(x.toFixed(4));

/** Logits of every calibration example, run through the served input path in capped batches. */
async function logitsOf(session: OnnxSession, config: ClassifierConfig, tokenizer: WordPieceTokenizer | undefined, set: CalibrationSet, classes: number) {
  const n = set.labels.length;
  const logits = new Float64Array(n * classes);
  for (let start = 0; start < n; start += MAX_INPUT_ROWS) {
    const end = Math.min(n, start + MAX_INPUT_ROWS);
    const input = set.texts ? { texts: set.texts.slice(start, end) } : { inputs: set.inputs!.slice(start, end) };
    const { feeds } = buildFeeds("calibration", config, tokenizer, input);
    const out = (await session.run(feeds))[config.outputs.logits]!;
    if (out.dims[1] !== classes) throw new Error(`output "${config.outputs.logits}" has ${out.dims[1]} columns for ${classes} labels`);
    logits.set(Float64Array.from(out.data as Float32Array), start * classes);
  }
  return logits;
}

/**
 * Registers a user's ONNX classifier (`npm run model:add`): infers the input declaration from
 * the graph, fits the temperature on the labelled calibration set with onnxruntime-node
 * (Guo et al. 2017), picks the abstention threshold for the target accuracy on the same set,
 * and returns the artifact. Without a head posterior the model is a single member, so its
 * epistemic uncertainty is 0 and abstention uses the total entropy or the top probability.
 */
export async function addModel(o: AddModelOptions): Promise<ClassifierArtifact> {
  const onnx = new Uint8Array(readFileSync(o.onnx));
  const session = await createNodeSession(onnx);
  const tokenizerSpec = o.tokenizer === undefined ? undefined : TokenizerSchema.parse(JSON.parse(readFileSync(o.tokenizer, "utf8")));
  const tokenizer = tokenizerSpec && new WordPieceTokenizer(tokenizerSpec);
  const config = inferConfig(session, { text: tokenizer !== undefined, ...(o.logits ? { logits: o.logits } : {}), ...(o.maxTokens ? { maxTokens: o.maxTokens } : {}) });
  const set = readCalibrationSet(o.calibration, o.labels);
  const C = o.labels.length;
  const logits = await logitsOf(session, config, tokenizer, set, C);
  const fit = fitTemperature(logits, set.labels, C);
  const before = calibrationMetrics(softmaxRows(logits, C, 1), set.labels, C);
  const probs = softmaxRows(logits, C, fit.beta);
  const after = calibrationMetrics(probs, set.labels, C);
  const scores = Array.from(set.labels, (_, i) => {
    const s = uncertaintyScores(probs.subarray(i * C, (i + 1) * C), 1, C);
    return { predicted: s.predicted, total: s.total, epistemic: 0, maxProb: s.mean[s.predicted]! };
  });
  const correct = scores.map((s, i) => s.predicted === set.labels[i]);
  const rules = (["total", "maxProb"] as const).map((m) => chooseThreshold(m, scores, correct, o.targetAccuracy));
  const rule = rules.reduce((best, r) => (r.coverage > best.coverage ? r : best));
  const calibration: Calibration = {
    method: "temperature-scaling",
    temperature: fit.temperature,
    abstain: { metric: rule.metric, threshold: rule.threshold, targetAccuracy: o.targetAccuracy, coverage: round(rule.coverage) },
    fit: { split: "calibration", examples: set.labels.length, iterations: fit.iterations, nllBefore: round(fit.nllBefore), nllAfter: round(fit.nllAfter) },
  };
  return {
    name: o.name,
    version: "1.0.0",
    description: `User classifier registered by model:add from ${o.onnx}.`,
    labels: o.labels,
    onnx,
    config,
    calibration,
    ...(tokenizerSpec ? { tokenizer: tokenizerSpec } : {}),
    metrics: {
      split: "calibration (also used to fit T: in-sample)", examples: set.labels.length, members: 1,
      accuracy: round(after.accuracy), eceBefore: round(before.ece), eceAfter: round(after.ece), mceAfter: round(after.mce),
      nllBefore: round(before.nll), nllAfter: round(after.nll), brierAfter: round(after.brier), temperature: round(fit.temperature),
      abstainMetric: rule.metric, abstainCoverage: round(rule.coverage),
    },
    training: { command: o.command, seed: null, data: `calibration: ${o.calibration} (${set.labels.length} labelled examples); onnx: ${o.onnx}`, trainer: "trainers/model-add" },
  };
}
