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

export function checkCap(pointer: string, cap: string, limit: number, actual: number): void {
  if (actual > limit) throw new CapExceededError(pointer, cap, limit, actual);
}
