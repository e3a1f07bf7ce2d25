import type { Dataset } from "../classifier-demo/dataset.ts";
import type { Mlp } from "../classifier-demo/mlp.ts";
import {
  referenceFromColumns,
  scoreGroups,
  scoreSet,
  type Group,
  type GroupRow,
  type Reference,
} from "./group-scores.ts";
import { groupSaliency } from "./saliency.ts";

/**
 * Which parameter groups of the one-hidden-layer MLP explain one misclassification: each
 * group's saliency on the error against the same group's saliencies on correctly classified
 * reference examples, by the z-score and the POT score side by side (group-scores.ts).
 */
export type { GroupRow, Reference } from "./group-scores.ts";

const argmax = (a: Float64Array) => a.reduce((best, v, i) => (v > a[best]! ? i : best), 0);

export function buildReference(m: Mlp, data: Dataset, tail = 0.1): Reference {
  const columns: number[][] = Array.from({ length: m.hidden + m.classes }, () => []);
  let wrong = 0;
  for (let i = 0; i < data.n; i++) {
    const s = groupSaliency(m, data.x, i * m.inputs, data.y[i]!);
    if (argmax(s.logits) !== data.y[i]) {
      wrong++;
      continue;
    }
    s.values.forEach((v, g) => columns[g]!.push(v));
  }
  return referenceFromColumns(columns, wrong, tail);
}

export interface Explanation {
  logits: Float64Array;
  predicted: number;
  loss: number;
  /** Every group, layer by layer, by POT score (descending; ties by z-score). */
  rows: GroupRow[];
}

export function explainExample(
  m: Mlp,
  ref: Reference,
  groups: readonly Group[],
  x: ArrayLike<number>,
  offset: number,
  y: number,
): Explanation {
  const s = groupSaliency(m, x, offset, y);
  return { logits: s.logits, predicted: argmax(s.logits), loss: s.loss, rows: scoreGroups(groups, ref, s.values) };
}

/** A set of errors scored by each group's median score (group-scores.ts scoreSet). */
export function explainErrors(
  m: Mlp,
  ref: Reference,
  groups: readonly Group[],
  data: Dataset,
  rows: readonly number[],
): GroupRow[] {
  return scoreSet(
    groups,
    ref,
    rows.map((i) => groupSaliency(m, data.x, i * m.inputs, data.y[i]!).values),
  );
}
