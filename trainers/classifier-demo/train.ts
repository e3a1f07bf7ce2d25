import { calibrationMetrics } from "../../shared/calibration/metrics.ts";
import { fitTemperature } from "../../shared/calibration/temperature.ts";
import { chooseThreshold, shouldAbstain } from "../../shared/classify/abstain.ts";
import { ABSTAIN_METRICS, type Calibration, type Head } from "../../shared/classify/artifact-schema.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { encodeOnnxModel } from "../onnx/model-proto.ts";
import { MLP_IO, mlpGraph } from "../onnx/mlp-graph.ts";
import type { ClassifierArtifact } from "../model-add/classifier-files.ts";
import { DEMO_LABELS, demoSplits, DIM, novelCluster, scaled, type Dataset } from "./dataset.ts";
import { auroc, scoreSplit } from "./evaluate.ts";
import { ggnPrecision, sampleLaplaceHead } from "./laplace.ts";
import { forward, initMlp, roundToFloat32, trainMlp, type Mlp } from "./mlp.ts";

export interface DemoOptions {
  seed: number;
  train: number;
  valid: number;
  test: number;
  hidden: number;
  epochs: number;
  weightDecay: number;
  members: number;
  targetAccuracy: number;
  command: string;
}

export const DEFAULT_OPTIONS: DemoOptions = {
  seed: 7,
  train: 4000,
  valid: 1500,
  test: 1500,
  hidden: 32,
  epochs: 40,
  weightDecay: 1e-4,
  members: 10,
  targetAccuracy: 0.95,
  command: "npm run train:demo-classifier",
};
const PRIOR_PRECISIONS = [0.1, 1, 10, 100];

/** Hidden features and mean-head logits of a split, through the float32-rounded MLP. */
function embed(mlp: Mlp, data: Dataset): { features: Float64Array; logits: Float64Array } {
  const features = new Float64Array(data.n * mlp.hidden);
  const logits = new Float64Array(data.n * mlp.classes);
  for (let i = 0; i < data.n; i++) {
    forward(
      mlp,
      data.x,
      i * DIM,
      features.subarray(i * mlp.hidden, (i + 1) * mlp.hidden),
      logits.subarray(i * mlp.classes, (i + 1) * mlp.classes),
    );
  }
  return { features, logits };
}

const nll = (probs: Float64Array, y: Int32Array, c: number) => calibrationMetrics(probs, y, c).nll;
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/**
 * Trains the demo classifier end to end: MLP by SGD, last-layer Laplace head (prior precision
 * by validation NLL), temperature by Newton on the validation mean-head logits, abstention
 * rule on validation for the target accuracy; every reported metric is on the test split.
 */
export function trainDemo(o: DemoOptions): ClassifierArtifact {
  const { rng, train, valid, test } = demoSplits(o.seed, o);
  const C = DEMO_LABELS.length;
  const mlp = initMlp(rng, DIM, o.hidden, C);
  const sgd = { epochs: o.epochs, batch: 32, learningRate: 0.02, momentum: 0.9, weightDecay: o.weightDecay };
  const losses = trainMlp(rng, mlp, train, sgd);
  roundToFloat32(mlp);
  const [tr, va, te, nov, far] = [train, valid, test, novelCluster(rng, o.test), scaled(test)].map((d) =>
    embed(mlp, d),
  );
  const map = { classes: C, features: o.hidden, w: mlp.wh, b: mlp.bh };

  // Prior precision by validation NLL of the served (member-averaged) predictive at T = 1.
  let best = { nll: Infinity, head: undefined as Head | undefined, prior: NaN };
  for (const prior of PRIOR_PRECISIONS) {
    const candidate = sampleLaplaceHead(
      createRng(o.seed + 1),
      map,
      ggnPrecision(map, tr!.features, train.n, prior),
      o.members,
    );
    const value = nll(scoreSplit(candidate, va!.features, valid.n, 1).probs, valid.y, C);
    if (value < best.nll) best = { nll: value, head: candidate, prior };
  }
  const { head, prior } = best;
  const fit = fitTemperature(va!.logits, valid.y, C);
  const validScores = scoreSplit(head!, va!.features, valid.n, fit.beta);
  const correct = Array.from(validScores.predicted, (p, i) => p === valid.y[i]);
  const perExample = Array.from(validScores.total, (t, i) => ({
    total: t,
    epistemic: validScores.epistemic[i]!,
    maxProb: validScores.maxProb[i]!,
  }));
  const rules = ABSTAIN_METRICS.map((m) => chooseThreshold(m, perExample, correct, o.targetAccuracy));
  const rule = rules.reduce((best, r) => (r.coverage > best.coverage ? r : best));

  const before = calibrationMetrics(scoreSplit(head!, te!.features, test.n, 1).probs, test.y, C);
  const served = scoreSplit(head!, te!.features, test.n, fit.beta);
  const after = calibrationMetrics(served.probs, test.y, C);
  const novel = scoreSplit(head!, nov!.features, test.n, fit.beta);
  const away = scoreSplit(head!, far!.features, test.n, fit.beta);
  const kept = Array.from(
    served.total,
    (t, i) => !shouldAbstain(rule, { total: t, epistemic: served.epistemic[i]!, maxProb: served.maxProb[i]! }),
  );
  const keptRight = kept.filter((k, i) => k && served.predicted[i] === test.y[i]).length;
  const keptCount = kept.filter(Boolean).length;
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;

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
      split: "valid",
      examples: valid.n,
      iterations: fit.iterations,
      meanHeadNllBefore: round(fit.nllBefore),
      meanHeadNllAfter: round(fit.nllAfter),
      abstainCoverageByMetric: rules.map((r) => `${r.metric}=${round(r.coverage, 3)}`).join(" "),
    },
  };
  const f32 = (a: Float64Array) => Float32Array.from(a);
  const onnx = encodeOnnxModel(
    mlpGraph({
      inputs: DIM,
      hidden: o.hidden,
      classes: C,
      w1: f32(mlp.w1),
      b1: f32(mlp.b1),
      wh: f32(mlp.wh),
      bh: f32(mlp.bh),
    }),
  );
  return {
    name: "demo-classifier",
    version: "1.0.0",
    description: `Demo numeric classifier: 8 inputs → ${o.hidden} ReLU features → 3 labels, with a ${o.members}-member last-layer Laplace posterior, temperature-scaled.`,
    labels: DEMO_LABELS,
    onnx,
    config: {
      input: { kind: "tensor", name: MLP_IO.input, dims: [null, DIM], dtype: "float32" },
      outputs: { logits: MLP_IO.logits, features: MLP_IO.features },
    },
    calibration,
    head: head!,
    metrics: {
      split: "test",
      examples: test.n,
      accuracy: round(after.accuracy),
      eceBefore: round(before.ece),
      eceAfter: round(after.ece),
      mceAfter: round(after.mce),
      nllBefore: round(before.nll),
      nllAfter: round(after.nll),
      brierAfter: round(after.brier),
      temperature: round(fit.temperature),
      members: o.members,
      priorPrecision: prior,
      abstainMetric: rule.metric,
      abstainCoverage: round(keptCount / test.n),
      abstainAccuracy: round(keptRight / Math.max(1, keptCount)),
      epistemicTest: round(mean(served.epistemic), 6),
      epistemicNovel: round(mean(novel.epistemic), 6),
      // AUROC of telling shifted inputs from test inputs by the score (0.5 = chance).
      novelAurocEpistemic: round(auroc(served.epistemic, novel.epistemic)),
      novelAurocTotal: round(auroc(served.total, novel.total)),
      scaledAurocEpistemic: round(auroc(served.epistemic, away.epistemic)),
      scaledAurocTotal: round(auroc(served.total, away.total)),
      finalTrainLoss: round(losses.at(-1)!),
    },
    training: {
      command: o.command,
      seed: o.seed,
      data: `synthetic: 8-D Gaussian mixture, 3 balanced classes × 2 unit-variance components, means ~ N(0, 1.1² I); train ${o.train} / valid ${o.valid} / test ${o.test}; shifts: a novel 7th cluster (${o.test}) and test inputs × 4`,
      trainer: "trainers/classifier-demo",
      sgd,
    },
  };
}
