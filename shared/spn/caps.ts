import { CapExceededError } from "../errors.ts";

/** Most evidence rows one logprob call evaluates (bounds CPU time per request). */
export const MAX_BATCH_ROWS = 10_000;
/** Most samples one sampling call draws. */
export const MAX_SAMPLES = 10_000;

export function checkCap(pointer: string, cap: string, limit: number, actual: number): void {
  if (actual > limit) throw new CapExceededError(pointer, cap, limit, actual);
}
