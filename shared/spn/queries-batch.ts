import { marginalsOf, mpeOf } from "./answers-by-name.ts";
import { checkCap, MAX_MARGINAL_VALUES, MAX_MPE_EDGE_VISITS, mpeEdgeVisits } from "./caps.ts";
import { ensembleConditional } from "./ensemble.ts";
import type { AnswerRows } from "./ensemble-marginals.ts";
import { escapePointerToken, QueryEvidenceOverlapError } from "./errors.ts";
import { parseEvidenceBatch, parseEvidenceRow } from "./evidence.ts";
import type { SpnModel } from "./load.ts";
import type { ConditionalAnswer, MarginalsAnswer, MpeAnswer } from "./queries.ts";

/**
 * Batch forms of the query API (issue 13 item 3): a list of evidence rows (at most
 * MAX_BATCH_ROWS), one answer per row, computed in batched passes; each answer equals the
 * single-row query's. Errors point into the offending row (`/evidenceBatch/3/fever`).
 */
/** p(query | e_r) for each evidence row; a row naming a query variable is an error at that row. */
export function spnConditionalBatch(
  model: SpnModel,
  query: unknown,
  rows: readonly unknown[],
  pointers = { query: "/query", evidence: "/evidenceBatch" },
): ConditionalAnswer[] {
  const { spn } = model;
  const q = parseEvidenceRow(spn, query, pointers.query);
  const batch = parseEvidenceBatch(spn, rows, pointers.evidence);
  for (let v = 0; v < q.length; v++) {
    if (Number.isNaN(q[v]!)) continue;
    for (let r = 0; r < batch.rowCount; r++) {
      if (Number.isNaN(batch.values[v * batch.rowCount + r]!)) continue;
      const name = spn.variables[v]!.name;
      throw new QueryEvidenceOverlapError(`${pointers.evidence}/${r}/${escapePointerToken(name)}`, name);
    }
  }
  return ensembleConditional(spn, q, batch, (r) => `${pointers.evidence}/${r}`);
}

/** spnMarginals for each evidence row, in batched passes. */
export function spnMarginalsBatch(
  model: SpnModel,
  rows: readonly unknown[],
  variables?: readonly string[],
  pointers = { evidence: "/evidenceBatch", variables: "/variables" },
): MarginalsAnswer[] {
  const answers = spnMarginalsBatchRows(model, rows, variables, pointers);
  return Array.from({ length: answers.length }, (_, r) => answers.row(r));
}

/**
 * spnMarginalsBatch with every row computed (and every error thrown) now, each row's answer built
 * when read: what a handler streams without holding all rows' objects at once.
 */
export function spnMarginalsBatchRows(
  model: SpnModel,
  rows: readonly unknown[],
  variables?: readonly string[],
  pointers = { evidence: "/evidenceBatch", variables: "/variables" },
): AnswerRows<MarginalsAnswer> {
  const values = rows.length * valuesPerRow(model, variables);
  checkCap(pointers.evidence, "MAX_MARGINAL_VALUES (rows x answered states)", MAX_MARGINAL_VALUES, values);
  const batch = parseEvidenceBatch(model.spn, rows, pointers.evidence);
  return marginalsOf(model, batch, variables, pointers.variables, (r) => `${pointers.evidence}/${r}`);
}

/** spnMpe for each evidence row. */
export function spnMpeBatch(model: SpnModel, rows: readonly unknown[], pointer = "/evidenceBatch"): MpeAnswer[] {
  const maxRows = Math.floor(MAX_MPE_EDGE_VISITS / mpeEdgeVisits(model.spn, 1));
  const cap = `MAX_MPE_EDGE_VISITS (rows x members x (members + 1) x edges: at most ${maxRows} rows of this model)`;
  checkCap(pointer, cap, MAX_MPE_EDGE_VISITS, mpeEdgeVisits(model.spn, rows.length));
  return mpeOf(model, parseEvidenceBatch(model.spn, rows, pointer), (r) => `${pointer}/${r}`);
}

/** Values one row's answer holds: each answered variable's states (a Gaussian's mean and variance: 2). */
function valuesPerRow(model: SpnModel, variables: readonly string[] | undefined): number {
  const chosen = variables === undefined ? null : new Set(variables);
  let n = 0;
  for (const v of model.variables) if (!chosen || chosen.has(v.name)) n += Math.max(2, v.states.length);
  return Math.max(1, n);
}
