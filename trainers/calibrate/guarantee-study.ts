import { MAX_INPUT_ROWS, MAX_TEXTS } from "../../shared/classify/caps.ts";
import type { Classifier } from "../../shared/classify/classifier.ts";
import { fitConformal, labelScoresInto, predictionSet } from "../../shared/classify/conformal.ts";
import { riskControlledThreshold } from "../../shared/classify/risk-control.ts";
import { shouldAbstain, type AbstainInputs } from "../../shared/classify/abstain.ts";
import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { uncertaintyScores } from "../../shared/uncertainty/scores.ts";
import type { LabelledSplit } from "./shipped-splits.ts";

/**
 * The guarantees checked the way a user meets them: a labelled set goes through the shipped
 * classifier (Classifier.serve, the code the worker runs), then R random calibration/test
 * splits refit the model's conformal quantiles and risk-controlled threshold (its score,
 * Mondrian choice, metric, target and δ) on the calibration part and measure them on the rest.
 */
export interface ServedSet {
  /** N × C label scores under the model's conformal score. */
  labelScores: Float64Array;
  /** N × C served mean probabilities. */
  probs: Float64Array;
  abstain: AbstainInputs[];
  correct: boolean[];
  y: Int32Array;
  classes: number;
}

export async function serveSet(classifier: Classifier, data: LabelledSplit): Promise<ServedSet> {
  const C = classifier.parts.labels.length;
  const conformal = classifier.calibration.conformal ?? { score: "lac" as const, lambda: 0, kReg: 0 };
  const n = data.labels.length;
  const step = data.texts ? MAX_TEXTS : MAX_INPUT_ROWS;
  const out: ServedSet = {
    labelScores: new Float64Array(n * C),
    probs: new Float64Array(n * C),
    abstain: [],
    correct: [],
    y: Int32Array.from(data.labels),
    classes: C,
  };
  const probs = new Float64Array(classifier.members * C);
  for (let start = 0; start < n; start += step) {
    const end = Math.min(n, start + step);
    const rows = await classifier.serve(
      data.texts ? { texts: data.texts.slice(start, end) } : { inputs: data.inputs!.slice(start, end) },
    );
    rows.forEach((row, k) => {
      const i = start + k;
      labelScoresInto(conformal, row.logMean, C, out.labelScores.subarray(i * C, (i + 1) * C));
      for (let j = 0; j < probs.length; j++) probs[j] = Math.exp(row.memberLogProbs[j]!);
      const s = uncertaintyScores(probs, classifier.members, C);
      out.probs.set(s.mean, i * C);
      out.abstain.push({
        epistemic: s.epistemic,
        total: s.total,
        maxProb: s.mean[s.predicted]!,
        excessRisk: s.excessRisk,
      });
      out.correct.push(s.predicted === data.labels[i]);
    });
  }
  return out;
}

export interface SplitFigures {
  /** Per α: mean coverage, mean set size, fraction of empty sets. */
  conformal: { alpha: number; coverage: number; size: number; empty: number; coverages: number[] }[];
  /** Risk-controlled abstention per split, measured on the split's test part. */
  abstention: { answered: number; accuracy: number }[];
}

/**
 * Risk-controlled abstention against its population: calibration sets of n drawn with
 * replacement from the served set, i.e. i.i.d. from its empirical distribution, whose answered
 * accuracy at the fitted threshold is then known exactly (the whole set). A split of a finite
 * set cannot do this: the errors the calibration part misses are the ones its test part gets,
 * so the test part's accuracy is biased low exactly when the calibration part looked good.
 */
export function bootstrapAbstention(
  rng: Rng,
  set: ServedSet,
  classifier: Classifier,
  draws: number,
  n: number,
): { answered: number; accuracy: number }[] {
  const cal = classifier.calibration;
  const N = set.y.length;
  const out: { answered: number; accuracy: number }[] = [];
  for (let r = 0; r < draws; r++) {
    const idx = Array.from({ length: n }, () => uniformInt(rng, N));
    const rule = riskControlledThreshold(
      cal.abstain.metric,
      idx.map((i) => set.abstain[i]!),
      idx.map((i) => set.correct[i]!),
      cal.abstain.targetAccuracy,
      cal.abstain.delta ?? 0.1,
    );
    let answered = 0;
    let right = 0;
    for (let i = 0; i < N; i++) if (!shouldAbstain(rule, set.abstain[i]!)) answered++, set.correct[i] && right++;
    out.push({ answered: answered / N, accuracy: answered ? right / answered : NaN });
  }
  return out;
}

export function randomSplits(
  rng: Rng,
  set: ServedSet,
  classifier: Classifier,
  alphas: readonly number[],
  splits: number,
  calibrationFraction: number,
): SplitFigures {
  const n = set.y.length;
  const C = set.classes;
  const cal = classifier.calibration;
  const mondrian = cal.conformal?.mondrian ?? false;
  const params = cal.conformal ?? { score: "lac" as const, lambda: 0, kReg: 0 };
  const conformal = alphas.map((alpha) => ({ alpha, coverage: 0, size: 0, empty: 0, coverages: [] as number[] }));
  const abstention: SplitFigures["abstention"] = [];
  const idx = Array.from({ length: n }, (_, i) => i);
  const nCal = Math.round(n * calibrationFraction);
  for (let r = 0; r < splits; r++) {
    for (let i = n - 1; i > 0; i--) {
      const j = uniformInt(rng, i + 1);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const calIdx = idx.slice(0, nCal);
    const testIdx = idx.slice(nCal);
    const scores = new Float64Array(nCal * C);
    calIdx.forEach((i, k) => scores.set(set.labelScores.subarray(i * C, (i + 1) * C), k * C));
    const fitted = fitConformal(
      params,
      scores,
      Int32Array.from(calIdx, (i) => set.y[i]!),
      C,
      alphas,
      mondrian,
    );
    fitted.sets.forEach((s, a) => {
      let covered = 0;
      let size = 0;
      let empty = 0;
      for (const i of testIdx) {
        const members = predictionSet(s.thresholds, set.labelScores.subarray(i * C, (i + 1) * C), C);
        if (members.includes(set.y[i]!)) covered++;
        size += members.length;
        if (members.length === 0) empty++;
      }
      const c = conformal[a]!;
      c.coverages.push(covered / testIdx.length);
      c.coverage += covered / testIdx.length / splits;
      c.size += size / testIdx.length / splits;
      c.empty += empty / testIdx.length / splits;
    });
    const rule = riskControlledThreshold(
      cal.abstain.metric,
      calIdx.map((i) => set.abstain[i]!),
      calIdx.map((i) => set.correct[i]!),
      cal.abstain.targetAccuracy,
      cal.abstain.delta ?? 0.1,
    );
    const answered = testIdx.filter((i) => !shouldAbstain(rule, set.abstain[i]!));
    abstention.push({
      answered: answered.length / testIdx.length,
      accuracy: answered.length ? answered.filter((i) => set.correct[i]).length / answered.length : NaN,
    });
  }
  return { conformal, abstention };
}
