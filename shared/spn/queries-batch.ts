import { marginalsOf, mpeOf } from "./answers-by-name.ts";
import { ensembleConditional } from "./ensemble.ts";
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
  const batch = parseEvidenceBatch(model.spn, rows, pointers.evidence);
  return marginalsOf(model, batch, variables, pointers.variables, (r) => `${pointers.evidence}/${r}`);
}

/** spnMpe for each evidence row. */
export function spnMpeBatch(model: SpnModel, rows: readonly unknown[], pointer = "/evidenceBatch"): MpeAnswer[] {
  return mpeOf(model, parseEvidenceBatch(model.spn, rows, pointer), (r) => `${pointer}/${r}`);
}
