import type { BinaryData } from "./dataset.ts";
import { CsvFormatError } from "./errors.ts";
import type { ColumnSpec } from "./table-columns.ts";
import { isMissing, isNumber, type RawTable } from "./table-read.ts";

/**
 * Code of a missing cell in `x` for a mixed table: one past the largest state count, so a leaf's
 * cached predictive table has a slot for it that always holds 1 (a missing value is marginalised).
 */
export function missingCode(columns: readonly ColumnSpec[]): number {
  return columns.reduce((mx, c) => Math.max(mx, c.states.length), 2);
}

/** True when a file's header equals the training header (same names, same order). */
function checkHeader(raw: RawTable, trainHeader: readonly string[], trainFile: string): void {
  const n = Math.max(raw.header.length, trainHeader.length);
  for (let d = 0; d < n; d++) {
    if (raw.header[d] !== trainHeader[d]) {
      throw new CsvFormatError(
        raw.file,
        raw.named ? 1 : 0,
        `header differs from ${trainFile}: column ${d + 1} is "${raw.header[d] ?? "(none)"}", expected "${trainHeader[d] ?? "(none)"}"`,
        d + 1,
      );
    }
  }
}

/**
 * Encodes a raw table with the training columns: x holds state codes (continuous: 0, missing:
 * missingCode), `values` the standardised continuous cells (NaN elsewhere). A state never seen in
 * training, text in a continuous column or a header unlike the training file's throw with
 * file:line:column.
 */
export function encodeTable(
  raw: RawTable,
  columns: readonly ColumnSpec[],
  train: { header: readonly string[]; file: string },
): BinaryData {
  checkHeader(raw, train.header, train.file);
  const D = columns.length;
  const rows = raw.rows.length;
  const miss = missingCode(columns);
  const x = new Uint8Array(rows * D);
  const values = new Float64Array(rows * D).fill(Number.NaN);
  const index = columns.map((c) => new Map(c.states.map((s, i) => [s, i])));
  raw.rows.forEach((row, n) => {
    columns.forEach((c, d) => {
      const cell = row[c.source]!;
      if (isMissing(cell)) {
        x[n * D + d] = miss;
        return;
      }
      if (c.kind === "continuous") {
        if (!isNumber(cell)) {
          throw new CsvFormatError(
            raw.file,
            raw.lines[n]!,
            `text "${cell.slice(0, 20)}" in continuous column "${c.name}"`,
            c.source + 1,
          );
        }
        values[n * D + d] = (Number(cell) - c.shift) / c.scale;
        return;
      }
      const code = index[d]!.get(cell);
      if (code === undefined) {
        throw new CsvFormatError(
          raw.file,
          raw.lines[n]!,
          `"${cell.slice(0, 20)}" is not a state of column "${c.name}" seen in training (${c.states.join(", ")})`,
          c.source + 1,
        );
      }
      x[n * D + d] = code;
    });
  });
  return { rows, cols: D, x, columns: [...columns], values };
}

/** Missing cells per column of an encoded table (for the manifest). */
export function missingCounts(data: BinaryData): Record<string, number> {
  const out: Record<string, number> = {};
  const cols = data.columns ?? [];
  const miss = missingCode(cols);
  cols.forEach((c, d) => {
    let m = 0;
    for (let n = 0; n < data.rows; n++) if (data.x[n * data.cols + d] === miss) m++;
    out[c.name] = m;
  });
  return out;
}

/**
 * Mean over rows of sum_{observed continuous d} log scale_d: the trainer scores standardised
 * values, so a log-likelihood in the user's units is the standardised one minus this.
 */
export function logScaleOffset(data: BinaryData): number {
  const cols = data.columns ?? [];
  const miss = missingCode(cols);
  let total = 0;
  cols.forEach((c, d) => {
    if (c.kind !== "continuous") return;
    for (let n = 0; n < data.rows; n++) if (data.x[n * data.cols + d] !== miss) total += Math.log(c.scale);
  });
  return total / data.rows;
}
