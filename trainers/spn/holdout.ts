import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import { selectRows, type BinaryData } from "./dataset.ts";

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
  // selectRows keeps a mixed table's columns and continuous values with the rows.
  const rows = Array.from({ length: data.rows }, (_, n) => n);
  return {
    train: selectRows(
      data,
      rows.filter((n) => inValid[n] === 0),
    ),
    valid: selectRows(
      data,
      rows.filter((n) => inValid[n] === 1),
    ),
  };
}
