import type { Dataset } from "../classifier-demo/dataset.ts";
import type { Mlp } from "../classifier-demo/mlp.ts";
import { potScore, tailModel, zScore, type TailModel } from "./pot.ts";
import { groupSaliency, type Group } from "./saliency.ts";

/**
 * Which parameter groups explain one misclassification: each group's saliency on the error,
 * standardised against the same group's saliencies on correctly classified reference examples,
 * by the z-score (Levin et al. 2022) and by the POT tail probability (Wang & Sato), side by side.
 */
export interface Reference {
  tails: TailModel[];
  /** Correctly classified reference examples the tails were fitted on. */
  examples: number;
  /** Reference examples the model got wrong (left out). */
  wrong: number;
}

const argmax = (a: Float64Array) => a.reduce((best, v, i) => (v > a[best]! ? i : best), 0);

export function buildReference(m: Mlp, data: Dataset, tail = 0.1): Reference {
  const G = m.hidden + m.classes;
  const columns: number[][] = Array.from({ length: G }, () => []);
  let wrong = 0;
  for (let i = 0; i < data.n; i++) {
    const s = groupSaliency(m, data.x, i * m.inputs, data.y[i]!);
    if (argmax(s.logits) !== data.y[i]) {
      wrong++;
      continue;
    }
    s.values.forEach((v, g) => columns[g]!.push(v));
  }
  if (columns[0]!.length < 20)
    throw new RangeError(`only ${columns[0]!.length} correctly classified reference examples; at least 20 are needed`);
  return { tails: columns.map((c) => tailModel(Float64Array.from(c), tail)), examples: columns[0]!.length, wrong };
}

export interface GroupRow extends Group {
  saliency: number;
  z: number;
  pot: number;
  /** 1-based rank by each score within the group's layer. */
  zRank: number;
  potRank: number;
}

export interface Explanation {
  logits: Float64Array;
  predicted: number;
  loss: number;
  /** Every group, layer by layer, by POT score (descending; ties by z-score). */
  rows: GroupRow[];
}

/** 1-based ranks by `values` (descending, ties by `tieBreak`) within each layer. */
function ranks(groups: readonly Group[], values: number[], tieBreak: number[]): number[] {
  const rank = new Array<number>(values.length);
  for (const layer of new Set(groups.map((g) => g.layer))) {
    const members = groups.map((g, i) => (g.layer === layer ? i : -1)).filter((i) => i >= 0);
    members.sort((a, b) => values[b]! - values[a]! || tieBreak[b]! - tieBreak[a]!);
    members.forEach((g, k) => (rank[g] = k + 1));
  }
  return rank;
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
  const z = Array.from(s.values, (v, g) => zScore(ref.tails[g]!, v));
  const pot = Array.from(s.values, (v, g) => potScore(ref.tails[g]!, v));
  const zRank = ranks(groups, z, pot);
  const potRank = ranks(groups, pot, z);
  const rows = groups.map((group, g) => ({
    ...group,
    saliency: s.values[g]!,
    z: z[g]!,
    pot: pot[g]!,
    zRank: zRank[g]!,
    potRank: potRank[g]!,
  }));
  rows.sort((a, b) => (a.layer === b.layer ? a.potRank - b.potRank : a.layer === "hidden" ? -1 : 1));
  return { logits: s.logits, predicted: argmax(s.logits), loss: s.loss, rows };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Scores of a set of errors (e.g. the test errors of one class): each group's MEDIAN saliency, z
 * and POT score over the errors — the median, because a mean of tail scores is carried by a few
 * errors beyond a bounded tail's end point (capped at 300) — ranked within layers.
 */
export function explainErrors(
  m: Mlp,
  ref: Reference,
  groups: readonly Group[],
  data: Dataset,
  rows: readonly number[],
): GroupRow[] {
  const per = groups.map(() => ({ saliency: [] as number[], z: [] as number[], pot: [] as number[] }));
  for (const i of rows) {
    groupSaliency(m, data.x, i * m.inputs, data.y[i]!).values.forEach((v, g) => {
      per[g]!.saliency.push(v);
      per[g]!.z.push(zScore(ref.tails[g]!, v));
      per[g]!.pot.push(potScore(ref.tails[g]!, v));
    });
  }
  const z = per.map((p) => median(p.z)),
    pot = per.map((p) => median(p.pot));
  const zRank = ranks(groups, z, pot),
    potRank = ranks(groups, pot, z);
  const out = groups.map((group, g) => ({
    ...group,
    saliency: median(per[g]!.saliency),
    z: z[g]!,
    pot: pot[g]!,
    zRank: zRank[g]!,
    potRank: potRank[g]!,
  }));
  return out.sort((a, b) => (a.layer === b.layer ? a.potRank - b.potRank : a.layer === "hidden" ? -1 : 1));
}
