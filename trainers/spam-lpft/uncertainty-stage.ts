import { calibrationMetrics, type CalibrationMetrics } from "../../shared/calibration/metrics.ts";
import { eceFloor, type EceFloor } from "../../shared/calibration/ece-floor.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { fitEnsembleTemperature } from "../../shared/calibration/ensemble-temperature.ts";
import { memberLogits } from "../../shared/classify/head.ts";
import { chooseThreshold, type ThresholdChoice } from "../../shared/classify/abstain.ts";
import type { Experiment } from "./pipeline.ts";
import { scoreSet, summarise, type ScoredSet, type UncertaintySummary } from "./uncertainty-eval.ts";
import { fitVariationalHead, type VariationalHead } from "./variational-head.ts";

/**
 * The epistemic-uncertainty head on the LP-FT features: the rBER(lambda) variational last layer
 * (Futami et al., arXiv 2206.01606) at the configured lambda and at lambda = 1 (plain VI),
 * against the single-head softmax-entropy baseline; AUROC of in-distribution test vs each
 * shifted set and AURC on it; the served model's temperature and abstention rule on validation.
 */
export const SHIFTS = ["hard-ham-1", "easy-ham-2+spam-2", "spam-2"] as const;

export interface HeadVariant {
  label: string;
  lambda: number | null;
  head: VariationalHead | null;
  temperature: number;
  shifts: Record<(typeof SHIFTS)[number], UncertaintySummary>;
  testCalibration: CalibrationMetrics;
  /** What a perfectly calibrated model with these test confidences would score (shared/calibration/ece-floor.ts). */
  testEceFloor: EceFloor;
}

export interface UncertaintyStage {
  variants: HeadVariant[];
  served: VariationalHead;
  temperature: number;
  abstain: ThresholdChoice;
  validExamples: number;
}

export function runUncertaintyStage(x: Experiment): UncertaintyStage {
  const o = x.options;
  const f = x.features;
  const y = x.labels;
  const lpft = x.methods.find((m) => m.name === "LP-FT")!;
  const scoreAll = (members: { weights: ArrayLike<number>; bias: ArrayLike<number>; members: number }, t: number) => {
    const h = { ...members, classes: 2 };
    const s = (k: keyof typeof f) => scoreSet(f[k], y[k], h, t);
    const sets: Record<string, ScoredSet> = {
      test: s("test"),
      valid: s("valid"),
      "hard-ham-1": s("hard-ham-1"),
      "spam-2": s("spam-2"),
      "easy-ham-2": s("easy-ham-2"),
    };
    sets["easy-ham-2+spam-2"] = merge(sets["easy-ham-2"]!, sets["spam-2"]!);
    return sets;
  };
  const variant = (
    label: string,
    lambda: number | null,
    head: VariationalHead | null,
    members: { weights: ArrayLike<number>; bias: ArrayLike<number>; members: number },
    t: number,
  ) => {
    const sets = scoreAll(members, t);
    const shifts = Object.fromEntries(SHIFTS.map((k) => [k, summarise(sets.test!, sets[k]!)])) as HeadVariant["shifts"];
    const testEceFloor = eceFloor(sets.test!.maxProb, createRng(o.seed + 29));
    return {
      v: {
        label,
        lambda,
        head,
        temperature: t,
        shifts,
        testCalibration: calibrationMetrics(sets.test!.probs, y.test, 2),
        testEceFloor,
      },
      sets,
    };
  };
  const baseline = variant(
    "softmax entropy (LP-FT head, T)",
    null,
    null,
    { weights: lpft.head.v, bias: lpft.head.b, members: 1 },
    lpft.calibration.temperature,
  );
  const fit = (lambda: number) => {
    const head = fitVariationalHead(f.train, y.train, lpft.head, {
      members: o.members,
      lambda,
      steps: o.headSteps,
      rate: o.headRate,
      priorStd: o.priorStd,
      seed: o.seed + 17,
    });
    // T on the NLL of the member average of the validation split: every member's logits are divided by T, as served.
    const members = { weights: head.weights, bias: head.bias, members: o.members, classes: 2 };
    const t = fitEnsembleTemperature(memberLogits(members, f.valid), y.valid, o.members, 2).temperature;
    return variant(`rBER lambda=${lambda}`, lambda, head, members, t);
  };
  const main = fit(o.lambda);
  const vi = o.lambda === 1 ? main : fit(1);
  const valid = main.sets.valid!;
  const scores = Array.from(valid.correct, (_, i) => ({
    epistemic: valid.epistemic[i]!,
    total: valid.total[i]!,
    maxProb: valid.maxProb[i]!,
  }));
  const rules = (["epistemic", "total", "maxProb"] as const).map((m) =>
    chooseThreshold(m, scores, valid.correct, o.targetAccuracy),
  );
  const abstain = rules.reduce((best, r) => (r.coverage > best.coverage ? r : best));
  const variants = [baseline.v, main.v, ...(vi === main ? [] : [vi.v])];
  return {
    variants,
    served: main.v.head!,
    temperature: main.v.temperature,
    abstain,
    validExamples: valid.correct.length,
  };
}

function merge(a: ScoredSet, b: ScoredSet): ScoredSet {
  const cat = (p: Float64Array, q: Float64Array) => {
    const out = new Float64Array(p.length + q.length);
    out.set(p);
    out.set(q, p.length);
    return out;
  };
  return {
    total: cat(a.total, b.total),
    epistemic: cat(a.epistemic, b.epistemic),
    variance: cat(a.variance, b.variance),
    maxProb: cat(a.maxProb, b.maxProb),
    correct: [...a.correct, ...b.correct],
    probs: cat(a.probs, b.probs),
  };
}
