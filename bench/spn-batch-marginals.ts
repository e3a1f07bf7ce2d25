/**
 * Batch marginals (issue 13 item 3) for bench/spn.ts: one batched call for ROWS evidence rows
 * against ROWS single-row calls, both through the core query API on the same rows in one run, and
 * the same pair one level down (ensembleMarginals on a parsed batch vs the single-row marginals
 * pass per row). Both sides answer the same numbers (checked here).
 */
import { MAX_MARGINAL_VALUES } from "../shared/spn/caps.ts";
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
  // one request answers at most MAX_MARGINAL_VALUES probabilities (1,024 rows of 16 binary variables):
  // the API batch side sends the rows in requests of that size, as a user must
  const perRequest = Math.floor(MAX_MARGINAL_VALUES / valuesPerRow(model));
  const requests = Array.from({ length: Math.ceil(named.length / perRequest) }, (_, i) =>
    named.slice(i * perRequest, (i + 1) * perRequest),
  );
  const apiBatch = time(0, () => requests.forEach((part) => spnMarginalsBatch(model, part)), 3);
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
      rowsPerRequest: perRequest,
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

/** Probabilities one row's answer holds (the cap's count: a gaussian's mean and variance are two). */
function valuesPerRow(model: SpnModel): number {
  return model.variables.reduce((n, v) => n + Math.max(2, v.states.length), 0);
}
