import { createRng } from "../../shared/numeric/rng.ts";
import { SHIFTED, type ComparisonSets, type FeatureSet, type Shifted } from "./comparison-sets.ts";
import { fitTemperature, scoreHead, SCORES, type ScoreName, type Scored } from "./eu-scores.ts";
import type { Method } from "./methods.ts";
import { percentileInterval, rank, resampleCounts, weightedAurc, weightedAuroc } from "./ranking-bootstrap.ts";

/**
 * Every (head, score) pair judged by how well the score ranks the head's own errors above its
 * correct answers (AUROC) on the selection halves of the shifted groups: the mean over the three
 * groups picks each family's prior std and the overall winner. Only then are the test halves
 * scored: error AUROC and AURC with seeded bootstrap intervals, OOD AUROC (shifted test half vs
 * in-distribution test) and the accuracy–coverage curve.
 */
export type Interval = { value: number; low: number; high: number };

export interface SetReport {
  examples: number;
  accuracy: number;
  errorAuroc: Interval;
  oodAuroc: Interval;
  aurc: Interval;
  /** [coverage, accuracy of the answered] points, most certain answered first. */
  curve: [number, number][];
}

export interface CandidateReport {
  method: Method;
  score: ScoreName;
  temperature: number;
  /** Accuracy on the in-distribution test split. */
  testAccuracy?: number;
  selection: Record<Shifted, number> & { mean: number };
  /** The head's accuracy on each selection half. */
  selectionAccuracy: Record<Shifted, number>;
  report?: Record<Shifted, SetReport>;
}

export interface Comparison {
  candidates: CandidateReport[];
  winner: CandidateReport;
  baseline: CandidateReport;
  /** Per family, the variant kept (and all tried, with their best selection AUROC). */
  families: { family: string; chosen: string; tried: { key: string; best: number }[] }[];
  resamples: number;
}

function errorAuroc(s: Scored, score: ScoreName): number {
  return weightedAuroc(
    rank(
      s.scores[score],
      s.correct.map((c) => !c),
    ),
  );
}

function bootstrap(
  rng: ReturnType<typeof createRng>,
  resamples: number,
  n: number,
  stat: (w?: Uint32Array) => number,
  blocks?: number[],
): Interval {
  const value = stat();
  const values: number[] = [];
  const counts = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    if (blocks) {
      counts.fill(0);
      let start = 0;
      for (const size of blocks) {
        const part = resampleCounts(rng, size);
        counts.set(part, start);
        start += size;
      }
    } else resampleCounts(rng, n, counts);
    values.push(stat(counts));
  }
  const [low, high] = percentileInterval(values);
  return { value, low, high };
}

function curve(s: Scored, score: ScoreName, points = 100): [number, number][] {
  const order = rank(s.scores[score], s.correct).order;
  const out: [number, number][] = [];
  let right = 0;
  order.forEach((i, k) => {
    if (s.correct[i]) right++;
    const step = Math.max(1, Math.floor(order.length / points));
    if ((k + 1) % step === 0 || k === order.length - 1) out.push([(k + 1) / order.length, right / (k + 1)]);
  });
  return out;
}

function reportSet(seed: number, resamples: number, s: Scored, inDist: Scored, score: ScoreName): SetReport {
  const n = s.correct.length;
  // Errors are the positives of the AUROC and what the AURC counts among the answered.
  const errors = rank(
    s.scores[score],
    s.correct.map((c) => !c),
  );
  const both = Float64Array.from([...inDist.scores[score], ...s.scores[score]]);
  const ood = rank(both, [...inDist.correct.map(() => false), ...s.correct.map(() => true)]);
  return {
    examples: n,
    accuracy: s.correct.filter(Boolean).length / n,
    errorAuroc: bootstrap(createRng(seed), resamples, n, (w) => weightedAuroc(errors, w)),
    aurc: bootstrap(createRng(seed + 1), resamples, n, (w) => weightedAurc(errors, w)),
    oodAuroc: bootstrap(createRng(seed + 2), resamples, both.length, (w) => weightedAuroc(ood, w), [
      inDist.correct.length,
      n,
    ]),
    curve: curve(s, score),
  };
}

export function compare(methods: readonly Method[], sets: ComparisonSets, seed: number, resamples: number): Comparison {
  const scored = methods.map((method) => {
    const temperature = fitTemperature(method.head, sets.calibrate);
    const on = (set: FeatureSet) => scoreHead(method.head, temperature, set);
    const select = Object.fromEntries(SHIFTED.map((g) => [g, on(sets.select[g])])) as Record<Shifted, Scored>;
    const candidates = SCORES.filter((score) => method.head.members > 1 || score === "entropy").map(
      (score): CandidateReport => {
        const per = Object.fromEntries(SHIFTED.map((g) => [g, errorAuroc(select[g], score)])) as Record<
          Shifted,
          number
        >;
        const selectionAccuracy = Object.fromEntries(
          SHIFTED.map((g) => [g, select[g].correct.filter(Boolean).length / select[g].correct.length]),
        ) as Record<Shifted, number>;
        return {
          method,
          score,
          temperature,
          selection: { ...per, mean: SHIFTED.reduce((a, g) => a + per[g], 0) / SHIFTED.length },
          selectionAccuracy,
        };
      },
    );
    return { method, temperature, on, candidates, best: Math.max(...candidates.map((c) => c.selection.mean)) };
  });
  const familyNames = [...new Set(methods.map((m) => m.family))];
  const families = familyNames.map((family) => {
    const tried = scored.filter((s) => s.method.family === family);
    const chosen = tried.reduce((a, b) => (b.best > a.best ? b : a));
    return { family, chosen, tried: tried.map((t) => ({ key: t.method.key, best: t.best })) };
  });
  const kept = families.map((f) => f.chosen);
  const candidates = kept.flatMap((k) => k.candidates);
  const winner = candidates.reduce((a, b) => (b.selection.mean > a.selection.mean ? b : a));
  const baseline = candidates.find((c) => c.method.key === "single" && c.score === "entropy")!;
  kept.forEach((k, ki) => {
    const test = k.on(sets.test);
    const halves = Object.fromEntries(SHIFTED.map((g) => [g, k.on(sets.report[g])])) as Record<Shifted, Scored>;
    k.candidates.forEach((c, ci) => {
      c.testAccuracy = test.correct.filter(Boolean).length / test.correct.length;
      c.report = Object.fromEntries(
        SHIFTED.map((g, gi) => [
          g,
          reportSet(seed + 1_000 * (ki * 10 + ci) + 10 * gi, resamples, halves[g], test, c.score),
        ]),
      ) as Record<Shifted, SetReport>;
    });
  });
  return {
    candidates,
    winner,
    baseline,
    families: families.map((f) => ({ family: f.family, chosen: f.chosen.method.key, tried: f.tried })),
    resamples,
  };
}
