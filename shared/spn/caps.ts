import type { CompiledSpn } from "./compiled-spn.ts";
import { CapExceededError } from "../errors.ts";

/** Most evidence rows one logprob call evaluates (bounds CPU time per request). */
export const MAX_BATCH_ROWS = 10_000;
/** Most samples one sampling call draws. */
export const MAX_SAMPLES = 10_000;

/**
 * Most probabilities (and Gaussian mean/variance pairs, counted as two) one marginals batch
 * answers: rows × the answered variables' states. An answer costs ~100 bytes of JSON and more of
 * objects while it is built, so 10,000 rows of every variable ran past a 128 MB isolate (nltcs,
 * 32 values a row: 3.2 MB of JSON per 1,000 rows; docs/loadtest.md). 32,768 = 1,024 such rows.
 */
export const MAX_MARGINAL_VALUES = 32_768;

/**
 * Most edge visits one MPE batch may cost: rows × S × (S + 1) × edges (each member's max-product
 * pass, then every distinct candidate scored under every member). 2^30 is ~200 rows of the plants
 * model (S = 10, 45,080 edges: 15 s of CPU on this project's loaded 2-core machine, issue 16's
 * memory harness found 10,000 rows took 7.5 min); ~9,900 of the example model.
 */
export const MAX_MPE_EDGE_VISITS = 2 ** 30;

/**
 * Edge visits of an MPE batch of `rows` rows (see MAX_MPE_EDGE_VISITS). An mvn leaf over p
 * variables counts as p (p + 1) / 2 edges, the multiply-adds of its triangular solve per row:
 * wdbc's 640 leaves of ~15 variables cost 14 times its 5,440 edges, and counting edges alone let
 * 1,794 rows through (3.5 min under load).
 */
export function mpeEdgeVisits(spn: CompiledSpn, rows: number): number {
  const S = spn.members.length;
  let mvnWork = 0;
  for (const p of spn.mvn?.p ?? []) mvnWork += (p * (p + 1)) / 2;
  return rows * S * (S + 1) * (spn.childIndex.length + mvnWork);
}

export function checkCap(pointer: string, cap: string, limit: number, actual: number): void {
  if (actual > limit) throw new CapExceededError(pointer, cap, limit, actual);
}
