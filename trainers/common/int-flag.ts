import { UserError } from "./cli.ts";

/** A numeric flag in [lo, hi] (integers only when `integer`), or its default when absent. */
export function numberFlag(
  flag: string,
  raw: string | undefined,
  fallback: number,
  lo: number,
  hi: number,
  integer = true,
): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
    throw new UserError(`--${flag} ${raw}: expected ${integer ? "an integer" : "a number"} in [${lo}, ${hi}]`);
  }
  return v;
}

/** A comma-separated list of integers in [lo, hi]. */
export function intListFlag(
  flag: string,
  raw: string | undefined,
  fallback: number[],
  lo: number,
  hi: number,
): number[] {
  if (raw === undefined) return fallback;
  const list = raw.split(",").map((x) => numberFlag(flag, x.trim(), 0, lo, hi));
  if (list.length === 0) throw new UserError(`--${flag}: empty list`);
  return list;
}
