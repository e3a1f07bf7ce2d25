import {
  referenceFromColumns,
  scoreGroups,
  scoreSet,
  type Group,
  type GroupRow,
  type Reference,
} from "./group-scores.ts";
import type { ExplainedTransformer } from "./transformer-model.ts";
import { transformerSaliency, type TransformerSaliency } from "./transformer-saliency.ts";

/**
 * The explainer on tokenised rows of a transformer classifier (row-major ids and mask
 * [rows × length], as the served tokenizer writes them): the reference from the correctly
 * classified rows, one example's scores, a set of errors' median scores.
 */
export interface TokenRows {
  rows: number;
  length: number;
  ids: Int32Array;
  mask: Int32Array;
}

/**
 * "raw": the group's gradient norm (Levin et al.). "share": divided by the norm of the whole
 * grouped gradient of the same example — the group's share of it. A confident model (the served
 * spam model's temperature sharpens it) has gradients ~1e-5 on the correct reference e-mails
 * and ~1 on an error, so on raw norms EVERY group of an error is an extreme outlier and the
 * ranking falls back on how tight each group's reference is; the share removes that common
 * scale. Measured both ways in docs/seed-methods.md.
 */
export type SaliencyMode = "share" | "raw";

export function rowSaliency(
  m: ExplainedTransformer,
  t: TokenRows,
  i: number,
  y: number,
  mode: SaliencyMode = "share",
): TransformerSaliency {
  const s = transformerSaliency(
    m,
    t.ids.subarray(i * t.length, (i + 1) * t.length),
    t.mask.subarray(i * t.length, (i + 1) * t.length),
    y,
  );
  return { ...s, values: inMode(s.values, mode) };
}

/** Raw group norms as the mode's saliencies. */
export function inMode(raw: Float64Array, mode: SaliencyMode): Float64Array {
  if (mode === "raw") return raw;
  const norm = Math.sqrt(raw.reduce((a, v) => a + v * v, 0));
  return raw.map((v) => (norm > 0 ? v / norm : 0));
}

const argmax = (a: Float64Array) => a.reduce((b, v, i) => (v > a[b]! ? i : b), 0);

export interface TransformerReference extends Reference {
  /** Each row's pass (RAW group norms), for the served comparison and for rescoring in another mode. */
  passes: { row: number; saliency: TransformerSaliency; correct: boolean }[];
}

/** The tails of the correctly classified passes' saliencies in `mode`. */
export function referenceInMode(
  passes: TransformerReference["passes"],
  groups: readonly Group[],
  mode: SaliencyMode,
  tail: number,
): TransformerReference {
  const columns: number[][] = groups.map(() => []);
  for (const p of passes) if (p.correct) inMode(p.saliency.values, mode).forEach((v, g) => columns[g]!.push(v));
  return { ...referenceFromColumns(columns, passes.filter((p) => !p.correct).length, tail), passes };
}

/**
 * Saliency at the true label of every row the model classifies correctly (its own forward
 * pass decides; the served check compares it with the served prediction row by row).
 */
export function transformerReference(
  m: ExplainedTransformer,
  groups: readonly Group[],
  t: TokenRows,
  labels: ArrayLike<number>,
  tail = 0.1,
  mode: SaliencyMode = "share",
): TransformerReference {
  const passes = Array.from({ length: t.rows }, (_, row) => {
    const saliency = rowSaliency(m, t, row, labels[row]!, "raw");
    return { row, saliency, correct: argmax(saliency.logProbs) === labels[row] };
  });
  return referenceInMode(passes, groups, mode, tail);
}

export function explainRow(
  m: ExplainedTransformer,
  ref: Reference,
  groups: readonly Group[],
  t: TokenRows,
  i: number,
  y: number,
  mode: SaliencyMode = "share",
): { saliency: TransformerSaliency; rows: GroupRow[] } {
  const saliency = rowSaliency(m, t, i, y, mode);
  return { saliency, rows: scoreGroups(groups, ref, saliency.values) };
}

export function explainRowSet(
  m: ExplainedTransformer,
  ref: Reference,
  groups: readonly Group[],
  t: TokenRows,
  rows: readonly number[],
  labels: ArrayLike<number>,
  mode: SaliencyMode = "share",
): GroupRow[] {
  return scoreSet(
    groups,
    ref,
    rows.map((i) => rowSaliency(m, t, i, labels[i]!, mode).values),
  );
}
