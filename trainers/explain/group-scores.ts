import { potScore, tailModel, zScore, type TailModel } from "./pot.ts";

/**
 * Scoring shared by every model the explainer reads (MLP, transformer): per parameter group, a
 * saliency is standardised against the same group's saliencies on correctly classified
 * reference examples, by the z-score (Levin et al. 2022) and by the POT tail probability (Wang &
 * Sato), and ranked within its layer (groups of different layers overlap or differ in size).
 */
export interface Group {
  /** Groups are ranked within a layer, never across layers. */
  layer: string;
  name: string;
}

export interface Reference {
  tails: TailModel[];
  /** Correctly classified reference examples the tails were fitted on. */
  examples: number;
  /** Reference examples the model got wrong (left out). */
  wrong: number;
}

export interface GroupRow extends Group {
  saliency: number;
  z: number;
  pot: number;
  /** 1-based rank by each score within the group's layer. */
  zRank: number;
  potRank: number;
}

/** One column of saliencies per group, over the correctly classified reference examples. */
export function referenceFromColumns(columns: readonly number[][], wrong: number, tail: number): Reference {
  const n = columns[0]?.length ?? 0;
  if (n < 20) throw new RangeError(`only ${n} correctly classified reference examples; at least 20 are needed`);
  return { tails: columns.map((c) => tailModel(Float64Array.from(c), tail)), examples: n, wrong };
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

/** Rows in layer order (as the groups list them), each layer by POT rank. */
export function rankRows(groups: readonly Group[], saliency: number[], z: number[], pot: number[]): GroupRow[] {
  const zRank = ranks(groups, z, pot);
  const potRank = ranks(groups, pot, z);
  const layerOrder = new Map([...new Set(groups.map((g) => g.layer))].map((l, i) => [l, i]));
  const rows = groups.map((group, g) => ({
    ...group,
    saliency: saliency[g]!,
    z: z[g]!,
    pot: pot[g]!,
    zRank: zRank[g]!,
    potRank: potRank[g]!,
  }));
  return rows.sort((a, b) => layerOrder.get(a.layer)! - layerOrder.get(b.layer)! || a.potRank - b.potRank);
}

/** The scores of one example's group saliencies. */
export function scoreGroups(groups: readonly Group[], ref: Reference, values: ArrayLike<number>): GroupRow[] {
  const s = Array.from(values);
  return rankRows(
    groups,
    s,
    s.map((v, g) => zScore(ref.tails[g]!, v)),
    s.map((v, g) => potScore(ref.tails[g]!, v)),
  );
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
export function scoreSet(groups: readonly Group[], ref: Reference, perError: readonly ArrayLike<number>[]): GroupRow[] {
  const column = (f: (v: number, g: number) => number) =>
    groups.map((_, g) => median(perError.map((values) => f(values[g]!, g))));
  return rankRows(
    groups,
    column((v) => v),
    column((v, g) => zScore(ref.tails[g]!, v)),
    column((v, g) => potScore(ref.tails[g]!, v)),
  );
}
