import { calibrationMetrics } from "../../shared/calibration/metrics.ts";
import type { ServedPrediction } from "./served-client.ts";
import type { RawSet, ServedSetName } from "./served-sets.ts";
import { auroc } from "./selective.ts";

/**
 * The figures the README and docs/spam-lpft-report.md quote, from what the API answered:
 * per set accuracy, ECE (15 bins, Guo et al. 2017), NLL of the served probabilities, the share
 * the model's own rule abstains on and the accuracy on the rest; AUROC of the served epistemic
 * (mutual information) and total uncertainty for telling each shifted set from the test split.
 * E-mails the API refuses (no readable text) are counted, not scored.
 */
export interface SetFigures {
  files: number;
  refused: number;
  accuracy: number;
  ece: number;
  nll: number;
  abstained: number;
  keptAccuracy: number;
}

export interface ServedFigures {
  sets: Record<string, SetFigures>;
  /** "<shifted set>": AUROC of epistemic / total, test split = negatives. */
  auroc: Record<string, { epistemic: number; total: number }>;
}

interface Scored {
  probs: Float64Array;
  labels: Int32Array;
  epistemic: number[];
  total: number[];
  abstain: boolean[];
  refused: number;
}

function scored(set: RawSet, preds: readonly (ServedPrediction | undefined)[]): Scored {
  const kept = preds.flatMap((p, i) => (p ? [{ p, y: set.labels[i]! }] : []));
  return {
    probs: Float64Array.from(kept.flatMap(({ p }) => p.probs)),
    labels: Int32Array.from(kept, ({ y }) => y),
    epistemic: kept.map(({ p }) => p.epistemic),
    total: kept.map(({ p }) => p.total),
    abstain: kept.map(({ p }) => p.abstain),
    refused: preds.length - kept.length,
  };
}

function figuresOf(s: Scored, classes: number): SetFigures {
  const m = calibrationMetrics(s.probs, s.labels, classes);
  const correct = Array.from(s.labels, (y, i) => {
    const row = s.probs.subarray(i * classes, (i + 1) * classes);
    return row.indexOf(Math.max(...row)) === y;
  });
  const keep = correct.filter((_, i) => !s.abstain[i]);
  return {
    files: s.labels.length + s.refused,
    refused: s.refused,
    accuracy: m.accuracy,
    ece: m.ece,
    nll: m.nll,
    abstained: s.abstain.filter(Boolean).length / Math.max(1, s.abstain.length),
    keptAccuracy: keep.filter(Boolean).length / Math.max(1, keep.length),
  };
}

function concat(a: Scored, b: Scored): Scored {
  return {
    probs: Float64Array.from([...a.probs, ...b.probs]),
    labels: Int32Array.from([...a.labels, ...b.labels]),
    epistemic: [...a.epistemic, ...b.epistemic],
    total: [...a.total, ...b.total],
    abstain: [...a.abstain, ...b.abstain],
    refused: a.refused + b.refused,
  };
}

export function servedFigures(
  sets: Record<ServedSetName, RawSet>,
  preds: Record<ServedSetName, (ServedPrediction | undefined)[]>,
  classes = 2,
): ServedFigures {
  const s = Object.fromEntries(
    Object.entries(sets).map(([k, set]) => [k, scored(set, preds[k as ServedSetName])]),
  ) as Record<string, Scored>;
  s["easy-ham-2+spam-2"] = concat(s["easy-ham-2"]!, s["spam-2"]!);
  const auc: ServedFigures["auroc"] = {};
  for (const k of ["hard-ham-1", "easy-ham-2+spam-2"])
    auc[k] = { epistemic: auroc(s.test!.epistemic, s[k]!.epistemic), total: auroc(s.test!.total, s[k]!.total) };
  return { sets: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, figuresOf(v, classes)])), auroc: auc };
}

/** Flat manifest metrics ("served.test.accuracy", "served.auroc.hard-ham-1.epistemic", …), 4 significant digits. */
export function servedMetrics(f: ServedFigures): Record<string, number> {
  const round = (v: number) => Number(v.toPrecision(4));
  const out: Record<string, number> = {};
  for (const [set, fig] of Object.entries(f.sets))
    for (const [k, v] of Object.entries(fig)) out[`served.${set}.${k}`] = round(v);
  for (const [set, a] of Object.entries(f.auroc))
    for (const [k, v] of Object.entries(a)) out[`served.auroc.${set}.${k}`] = round(v);
  return out;
}
