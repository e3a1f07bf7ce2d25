/**
 * Batch marginals (issue 13 item 3) for bench/spn.ts: one batched call for ROWS evidence rows
 * against ROWS single-row calls, both through the core query API on the same rows in one run, and
 * the same pair one level down (ensembleMarginals on a parsed batch vs the single-row marginals
 * pass per row). Both sides answer the same numbers (checked here).
 */
import {
  ensembleMarginals,
  marginals,
  parseEvidenceBatch,
  parseEvidenceRow,
  type SpnModel,
  spnMarginals,
  spnMarginalsBatch,
} from "../shared/spn/index.ts";
import { randomRows } from "./spn-generate.ts";

export const BATCH_MARGINAL_ROWS = 10_000;

type Timer = (budgetMs: number, f: () => void, minRuns?: number) => { ms: number; wallMs: number; reps: number };

export function benchBatchMarginals(model: SpnModel, variables: number, time: Timer): Record<string, unknown> {
  const { spn } = model;
  const named = randomRows(11, variables, BATCH_MARGINAL_ROWS, 0.2);
  const round = (x: number): number => Number(x.toPrecision(3));
  const apiBatch = time(0, () => spnMarginalsBatch(model, named), 3);
  const apiSingle = time(0, () => named.forEach((row) => spnMarginals(model, row)), 3);
  const batch = parseEvidenceBatch(spn, named, "/rows");
  const rows = named.map((row) => parseEvidenceRow(spn, row, "/evidence"));
  const coreBatch = time(0, () => ensembleMarginals(spn, batch), 3);
  const coreSingle = time(0, () => rows.forEach((row) => marginals(spn, 0, row)), 3);
  const b = spnMarginalsBatch(model, named.slice(0, 50));
  let maxAbsDiff = 0;
  b.forEach((answer, r) => {
    const one = spnMarginals(model, named[r]!);
    answer.marginals.forEach((m, i) => {
      const o = one.marginals[i]!;
      if (m.type !== "gaussian" && o.type !== "gaussian") {
        for (const s of Object.keys(m.probabilities))
          maxAbsDiff = Math.max(maxAbsDiff, Math.abs(m.probabilities[s]! - o.probabilities[s]!));
      }
    });
  });
  return {
    rows: BATCH_MARGINAL_ROWS,
    members: model.memberCount,
    api: {
      batchMs: round(apiBatch.ms),
      singleCallsMs: round(apiSingle.ms),
      speedup: round(apiSingle.ms / apiBatch.ms),
    },
    core: {
      batchMs: round(coreBatch.ms),
      singleCallsMs: round(coreSingle.ms),
      speedup: round(coreSingle.ms / coreBatch.ms),
    },
    usPerRow: {
      apiBatch: round((apiBatch.ms * 1e3) / BATCH_MARGINAL_ROWS),
      apiSingle: round((apiSingle.ms * 1e3) / BATCH_MARGINAL_ROWS),
    },
    maxAbsDiffBatchVsSingle: maxAbsDiff,
  };
}
