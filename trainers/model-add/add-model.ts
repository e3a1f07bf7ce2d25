import { readFileSync } from "node:fs";
import { fitEnsembleTemperature } from "../../shared/calibration/ensemble-temperature.ts";
import { fitTemperature } from "../../shared/calibration/temperature.ts";
import { calibrationMetrics } from "../../shared/calibration/metrics.ts";
import { chooseThreshold } from "../../shared/classify/abstain.ts";
import type { AbstainMetric, Calibration, Head } from "../../shared/classify/artifact-schema.ts";
import { memberLogits } from "../../shared/classify/head.ts";
import { HfTokenizer } from "../../shared/classify/hf-tokenizer.ts";
import type { TextTokenizer } from "../../shared/classify/text-tokenizer.ts";
import { tokenizerFromFiles } from "../../shared/classify/tokenizer-file.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { uncertaintyScores } from "../../shared/uncertainty/scores.ts";
import { readCalibrationSet } from "./calibration-set.ts";
import { averageProbs, runCalibrationSet } from "./calibration-run.ts";
import type { ClassifierArtifact } from "./classifier-files.ts";
import { inferConfig } from "./infer-config.ts";
import type { TextPipeline } from "../../shared/text/pipeline.ts";
import { fitLaplaceHead } from "./laplace-fit.ts";

export interface AddModelOptions {
  onnx: string;
  labels: string[];
  calibration: string;
  name: string;
  /** Parsed tokenizer files: our WordPiece spec or a Hugging Face tokenizer.json (+ tokenizer_config.json). */
  tokenizer?: { json: unknown; config?: Record<string, unknown>; source: string };
  /** The model's own limit (config.json max_position_embeddings), when known. */
  maxPositions?: number;
  /** The text pipeline the model expects (an exported folder's config.json says it). */
  preprocess?: TextPipeline;
  logits?: string;
  features?: string;
  maxTokens?: number;
  /** Head members drawn from the Laplace posterior when the graph exposes features (even). */
  members?: number;
  seed?: number;
  targetAccuracy: number;
  command: string;
}

const round = (x: number) => Number(x.toFixed(4));

/**
 * Registers a user's ONNX classifier (`npm run model:add`): infers the input declaration from
 * the graph, runs the labelled calibration set through the served input path with
 * onnxruntime-node, and — when the graph exposes the pooled features its logits layer reads —
 * fits a last-layer Laplace posterior (laplace-fit.ts), so the model gets epistemic uncertainty;
 * otherwise it stays one member (epistemic 0). Then the temperature of the served average
 * (Guo et al. 2017) and the abstention threshold for the target accuracy, all on that one set.
 */
export async function addModel(o: AddModelOptions): Promise<ClassifierArtifact> {
  const onnx = new Uint8Array(readFileSync(o.onnx));
  const session = await createNodeSession(onnx);
  let tokenizer: TextTokenizer | undefined;
  try {
    tokenizer = o.tokenizer && tokenizerFromFiles(o.tokenizer.json, o.tokenizer.config);
  } catch (e) {
    throw new Error(`${o.tokenizer!.source}: ${(e as Error).message}`);
  }
  const limits = [tokenizer instanceof HfTokenizer ? tokenizer.modelMaxLength : undefined, o.maxPositions].filter(
    (x): x is number => x !== undefined,
  );
  let config = inferConfig(session, {
    text: tokenizer !== undefined,
    ...(o.logits ? { logits: o.logits } : {}),
    ...(o.features ? { features: o.features } : {}),
    ...(o.maxTokens ? { maxTokens: o.maxTokens } : {}),
    ...(limits.length > 0 ? { modelMaxTokens: Math.min(...limits) } : {}),
  });
  if (o.preprocess && config.input.kind === "text")
    config = { ...config, input: { ...config.input, preprocess: o.preprocess } };
  const set = readCalibrationSet(o.calibration, o.labels);
  const C = o.labels.length;
  const n = set.labels.length;
  const run = await runCalibrationSet(session, config, tokenizer, set, C);
  let head: Head | undefined;
  let laplace: Record<string, number | string> = {};
  if (run.features) {
    const F = run.features.length / n;
    try {
      const fit = fitLaplaceHead(createRng(o.seed ?? 14), run.features, run.logits, set.labels, F, C, o.members ?? 16);
      head = fit.head;
      laplace = {
        headPriorPrecision: fit.priorPrecision,
        headLinearResidual: Number(fit.residual.toPrecision(3)),
        headMembers: fit.head.members,
      };
    } catch (e) {
      // Named with --features: the user asked for a head, so say why there is none. Found by name: go on with one member.
      if (o.features) throw e;
      laplace = { headSkipped: `output "${config.outputs.features}": ${(e as Error).message}` };
      config = { ...config, outputs: { logits: config.outputs.logits } };
    }
  }
  const M = head?.members ?? 1;
  const z = head
    ? memberLogits(
        { ...head, weights: Float64Array.from(head.weights), bias: Float64Array.from(head.bias) },
        run.features!,
      )
    : run.logits;
  // One member: the convex single-model fit (Newton); members: the served average's NLL with a log-normal prior on T.
  const fit = head ? fitEnsembleTemperature(z, set.labels, M, C) : fitTemperature(z, set.labels, C);
  const before = calibrationMetrics(averageProbs(z, n, M, C, 1).mean, set.labels, C);
  const served = averageProbs(z, n, M, C, fit.beta);
  const after = calibrationMetrics(served.mean, set.labels, C);
  const scores = Array.from(set.labels, (_, i) => {
    const s = uncertaintyScores(served.perMember.subarray(i * M * C, (i + 1) * M * C), M, C);
    return { predicted: s.predicted, total: s.total, epistemic: s.epistemic, maxProb: s.mean[s.predicted]! };
  });
  const correct = scores.map((s, i) => s.predicted === set.labels[i]);
  const metricsTried: AbstainMetric[] = head ? ["epistemic", "total", "maxProb"] : ["total", "maxProb"];
  const rule = metricsTried
    .map((m) => chooseThreshold(m, scores, correct, o.targetAccuracy))
    .reduce((best, r) => (r.coverage > best.coverage ? r : best));
  const calibration: Calibration = {
    method: "temperature-scaling",
    temperature: fit.temperature,
    abstain: {
      metric: rule.metric,
      threshold: rule.threshold,
      targetAccuracy: o.targetAccuracy,
      coverage: round(rule.coverage),
    },
    fit: {
      split: "calibration",
      examples: n,
      iterations: fit.iterations,
      nllBefore: round(fit.nllBefore),
      nllAfter: round(fit.nllAfter),
      ...(head ? { on: "NLL of the member average, every member's logits divided by T (as served)" } : {}),
    },
  };
  const tokenizerFiles = o.tokenizer
    ? {
        tokenizer: o.tokenizer.json,
        ...(o.tokenizer.config && Object.keys(o.tokenizer.config).length > 0
          ? { tokenizerConfig: o.tokenizer.config }
          : {}),
      }
    : {};
  return {
    name: o.name,
    version: "1.0.0",
    description: `User classifier registered by model:add from ${o.onnx}${head ? `, with a ${M}-member last-layer Laplace (GGN) head on "${config.outputs.features}"` : ""}.`,
    labels: o.labels,
    onnx,
    config,
    calibration,
    ...(head ? { head } : {}),
    ...tokenizerFiles,
    metrics: {
      split: "calibration (also used to fit T and the head posterior: in-sample)",
      examples: n,
      members: M,
      accuracy: round(after.accuracy),
      eceBefore: round(before.ece),
      eceAfter: round(after.ece),
      mceAfter: round(after.mce),
      nllBefore: round(before.nll),
      nllAfter: round(after.nll),
      brierAfter: round(after.brier),
      temperature: round(fit.temperature),
      abstainMetric: rule.metric,
      abstainCoverage: round(rule.coverage),
      ...laplace,
      ...(tokenizer ? { tokenizer: tokenizer.type } : {}),
    },
    training: {
      command: o.command,
      seed: head ? (o.seed ?? 14) : null,
      data: `calibration: ${o.calibration} (${n} labelled examples); onnx: ${o.onnx}`,
      trainer: "trainers/model-add",
    },
  };
}
