import { writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ManifestSchema, type Manifest } from "../../shared/artifacts/manifest.ts";
import {
  adaptiveEce,
  calibrationMetrics,
  classwiseEce,
  type CalibrationMetrics,
} from "../../shared/calibration/metrics.ts";
import type { AbstainMetric, Calibration, ConformalScore } from "../../shared/classify/artifact-schema.ts";
import type { AbstainInputs } from "../../shared/classify/abstain.ts";
import { logMeanInto } from "../../shared/classify/calibrator.ts";
import { fitConformal, labelScoresInto } from "../../shared/classify/conformal.ts";
import { riskControlledThreshold, type RiskControlledChoice } from "../../shared/classify/risk-control.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { uncertaintyScores } from "../../shared/uncertainty/scores.ts";
import { renderModelsIndex } from "../../scripts/models-index.ts";
import { fileEntry } from "../common/manifest-writer.ts";
import {
  CALIBRATOR_CANDIDATES,
  chooseCalibrator,
  fitCandidate,
  logProbsAt,
  type Candidate,
  type Choice,
  type Fitted,
} from "./choose-calibrator.ts";
import { servedLogits } from "./served-logits.ts";

/**
 * Recalibrates any classifier folder (docs/classifier-artifact.md, docs/guarantees.md) on a
 * labelled file with onnxruntime-node: runs the served input path; chooses the calibrator
 * (temperature, vector scaling, Dirichlet/ODIR, isotonic, histogram binning) by cross-validated
 * NLL of the served prediction and refits it on the whole file; then, from the served
 * probabilities, fits the split-conformal quantiles for the requested α and the risk-controlled
 * abstention threshold, and rewrites calibration.json and the manifest's sha256. The calibrator
 * has at most C(C+1) parameters; the conformal quantiles and the threshold are fitted on the same
 * file, a reuse that the guarantees tolerate for so few parameters (docs/guarantees.md says so).
 */
export interface CalibrateOptions {
  alphas?: number[];
  score?: ConformalScore;
  mondrian?: boolean;
  lambda?: number;
  kReg?: number;
  delta?: number;
  targetAccuracy?: number;
  metric?: AbstainMetric;
  candidates?: readonly Candidate[];
  seed?: number;
}

export interface CalibrateResult {
  temperatureBefore: number;
  temperature: number;
  examples: number;
  before: CalibrationMetrics;
  after: CalibrationMetrics;
  choice: Choice;
  rule: RiskControlledChoice;
  calibration: Calibration;
}

export async function calibrateModel(
  dir: string,
  dataPath: string,
  o: CalibrateOptions = {},
): Promise<CalibrateResult> {
  const s = await servedLogits(dir, dataPath);
  const { memberLogits, y, members: M, classes: C, calibration: old } = s;
  const n = y.length;
  const seed = o.seed ?? 0;
  const choice = chooseCalibrator(createRng(seed), memberLogits, y, M, C, o.candidates ?? CALIBRATOR_CANDIDATES, 5);
  const fitted = fitCandidate(choice.chosen, memberLogits, y, M, C);
  const before = served(
    { method: "temperature-scaling", temperature: old.temperature, ...(old.map ? { map: old.map } : {}) },
    memberLogits,
    n,
    M,
    C,
  );
  const after = served(fitted, memberLogits, n, M, C);

  const metric = o.metric ?? old.abstain.metric;
  const targetAccuracy = o.targetAccuracy ?? old.abstain.targetAccuracy;
  const delta = o.delta ?? old.abstain.delta ?? 0.1;
  const correct = Array.from(after.predicted, (p, i) => p === y[i]);
  const rule = riskControlledThreshold(metric, after.scores, correct, targetAccuracy, delta);

  const previous = old.conformal;
  const alphas = o.alphas ?? previous?.sets.map((x) => x.alpha) ?? [];
  const score = o.score ?? previous?.score ?? "lac";
  // RAPS defaults (lambda 0.01, kReg 1) unless given or already stored for RAPS.
  const stored = previous?.score === "raps" ? previous : undefined;
  const params = {
    score,
    lambda: score === "raps" ? (o.lambda ?? stored?.lambda ?? 0.01) : 0,
    kReg: score === "raps" ? (o.kReg ?? stored?.kReg ?? 1) : 0,
  };
  const labelScores = new Float64Array(n * C);
  for (let i = 0; i < n; i++)
    labelScoresInto(params, after.logMean.subarray(i * C, (i + 1) * C), C, labelScores.subarray(i * C, (i + 1) * C));
  const conformal = alphas.length
    ? fitConformal(params, labelScores, y, C, alphas, o.mondrian ?? previous?.mondrian ?? false)
    : undefined;

  const r4 = (v: number) => Number(v.toFixed(4));
  const m = { before: calibrationMetrics(before.probs, y, C), after: calibrationMetrics(after.probs, y, C) };
  const cv = Object.fromEntries(choice.scores.map((x) => [`cvNll.${x.candidate}`, r4(x.cvNll)]));
  const calibration: Calibration = {
    method: fitted.method,
    temperature: fitted.temperature,
    ...(fitted.map ? { map: fitted.map } : {}),
    abstain: { metric, threshold: rule.threshold, targetAccuracy, coverage: r4(rule.coverage), delta },
    ...(conformal ? { conformal } : {}),
    fit: {
      split: `calibrate: ${basename(dataPath)} (in-sample)`,
      examples: n,
      chosenBy: `${choice.folds}-fold CV NLL of the served prediction (seed ${seed}); temperature stays unless beaten by > 1 SE`,
      ...cv,
      nllBefore: r4(m.before.nll),
      nllAfter: r4(m.after.nll),
      eceBefore: r4(m.before.ece),
      eceAfter: r4(m.after.ece),
      classwiseEceBefore: r4(classwiseEce(before.probs, y, C)),
      classwiseEceAfter: r4(classwiseEce(after.probs, y, C)),
      adaptiveEceBefore: r4(adaptiveEce(before.probs, y, C)),
      adaptiveEceAfter: r4(adaptiveEce(after.probs, y, C)),
      abstainAccuracy: Number.isNaN(rule.accuracy) ? "none answered" : r4(rule.accuracy),
      abstainErrorBound: r4(rule.errorBound),
    },
  };
  writeFolder(dir, s.manifest, calibration);
  return {
    temperatureBefore: old.temperature,
    temperature: fitted.temperature,
    examples: n,
    before: m.before,
    after: m.after,
    choice,
    rule,
    calibration,
  };
}

/** The served mean probabilities, log p̄, predicted label and abstention scores of every row. */
export function served(f: Fitted, memberLogits: Float64Array, n: number, M: number, C: number) {
  const L = logProbsAt(memberLogits, n, M, C, f.temperature, f.map);
  const probs = new Float64Array(n * C);
  const logMean = new Float64Array(n * C);
  const predicted = new Int32Array(n);
  const scores: AbstainInputs[] = [];
  const p = new Float64Array(M * C);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < M * C; j++) p[j] = Math.exp(L[i * M * C + j]!);
    const u = uncertaintyScores(p, M, C);
    probs.set(u.mean, i * C);
    // log p̄ in log space, exactly as the server computes it (Classifier.serve).
    logMeanInto(L.subarray(i * M * C, (i + 1) * M * C), M, C, logMean.subarray(i * C, (i + 1) * C));
    predicted[i] = u.predicted;
    scores.push({ epistemic: u.epistemic, total: u.total, maxProb: u.mean[u.predicted]!, excessRisk: u.excessRisk });
  }
  return { probs, logMean, predicted, scores };
}

function writeFolder(dir: string, manifest: Manifest, calibration: Calibration): void {
  const text = `${JSON.stringify(calibration, null, 2)}\n`;
  writeFileSync(join(dir, "calibration.json"), text);
  const files = manifest.files.map((f) =>
    f.path === "calibration.json" ? fileEntry("calibration.json", f.role, text) : f,
  );
  const updated = ManifestSchema.parse({
    ...manifest,
    files,
    metrics: { ...manifest.metrics, calibratedTemperature: Number(calibration.temperature.toPrecision(6)) },
  });
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(updated, null, 2)}\n`);
  const parent = dirname(resolve(dir));
  if (parent === resolve("models")) writeFileSync(join(parent, "index.ts"), renderModelsIndex(parent));
}
