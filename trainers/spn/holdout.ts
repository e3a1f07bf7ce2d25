import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import type { BinaryData } from "./dataset.ts";

/**
 * Splits off a seeded random `fraction` of the rows as validation data (when no --valid file is
 * given, the structure search and the schedule still need rows the chain never trained on).
 * Both parts keep file order. The generator is seeded from `seed` alone, so the split does not
 * depend on anything else the run draws.
 */
export function holdOut(data: BinaryData, fraction: number, seed: number): { train: BinaryData; valid: BinaryData } {
  const rng = createRng(seed ^ 0x7a11d);
  const count = Math.max(1, Math.min(data.rows - 1, Math.round(data.rows * fraction)));
  const pick = Array.from({ length: data.rows }, (_, n) => n);
  for (let i = 0; i < count; i++) {
    const j = i + uniformInt(rng, data.rows - i);
    [pick[i], pick[j]] = [pick[j]!, pick[i]!];
  }
  const inValid = new Uint8Array(data.rows);
  for (let i = 0; i < count; i++) inValid[pick[i]!] = 1;
  const D = data.cols;
  const train = new Uint8Array((data.rows - count) * D);
  const valid = new Uint8Array(count * D);
  let t = 0;
  let v = 0;
  for (let n = 0; n < data.rows; n++) {
    const row = data.x.subarray(n * D, (n + 1) * D);
    if (inValid[n] === 1) valid.set(row, D * v++);
    else train.set(row, D * t++);
  }
  return { train: { rows: data.rows - count, cols: D, x: train }, valid: { rows: count, cols: D, x: valid } };
}
