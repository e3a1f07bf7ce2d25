import { CsvFormatError, TrainerUsageError } from "./errors.ts";
import { isMissing, isNumber, type RawTable } from "./table-read.ts";

export type ColumnKind = "binary" | "categorical" | "continuous";
export const COLUMN_KINDS: readonly ColumnKind[] = ["binary", "categorical", "continuous"];

/** The most states a categorical column may have (codes are bytes; one code marks "missing"). */
export const MAX_STATES = 64;

/**
 * One modelled column, fixed by the training file and applied to valid/test/scored files.
 * Continuous values are standardised for the sampler, stored = (value - shift) / scale; the
 * served artifact is written back in the user's units.
 */
export interface ColumnSpec {
  name: string;
  /** Index of the column in the file's header. */
  source: number;
  kind: ColumnKind;
  /** Discrete state names in code order; [] for continuous. */
  states: string[];
  shift: number;
  scale: number;
  /** Missing cells of this column in the training file. */
  missing: number;
}

export interface ColumnOptions {
  /** --types col=kind overrides. */
  types: ReadonlyMap<string, ColumnKind>;
  /** --ignore columns. */
  ignore: readonly string[];
}

const byValue =
  (numeric: boolean) =>
  (p: string, q: string): number =>
    numeric ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;

/**
 * Detects each column's kind from the training file: numbers with more than two distinct values
 * are continuous, two distinct values binary, other text categorical; --types overrides, --ignore
 * drops. Errors name file:line:column: a column with no observed cell, text in a continuous column
 * (with the override that would accept it), too many states. `domain` (default: the training
 * rows) gives the kinds and discrete states: with --split it is the whole file, so a rare state
 * that the seeded split put only in the held-out rows is a state of the column (with its prior
 * mass), not an "unseen state" error in the user's own file. Statistics come from `raw` alone.
 */
export function inferColumns(raw: RawTable, o: ColumnOptions, domain: RawTable = raw): ColumnSpec[] {
  for (const name of [...o.ignore, ...o.types.keys()]) {
    if (!raw.header.includes(name))
      throw new TrainerUsageError(`${raw.file}: no column "${name}" (columns: ${raw.header.join(", ")})`);
  }
  const specs: ColumnSpec[] = [];
  raw.header.forEach((name, d) => {
    if (o.ignore.includes(name)) return;
    const at = (n: number): [string, number, string, number] => [raw.file, raw.lines[n]!, "", d + 1];
    const missing = raw.rows.reduce((m, row) => m + (isMissing(row[d]!) ? 1 : 0), 0);
    const observed = raw.rows.length - missing;
    if (observed === 0)
      throw new CsvFormatError(raw.file, raw.lines[0]!, `column "${name}" is entirely missing; --ignore it`, d + 1);
    let numbers = 0;
    let observedInDomain = 0;
    const distinct = new Set<string>();
    for (const row of domain.rows) {
      const cell = row[d]!;
      if (isMissing(cell)) continue;
      observedInDomain++;
      distinct.add(cell);
      if (isNumber(cell)) numbers++;
    }
    const mostlyNumbers = numbers * 2 > observedInDomain;
    const detected: ColumnKind = distinct.size <= 2 ? "binary" : mostlyNumbers ? "continuous" : "categorical";
    const kind = o.types.get(name) ?? detected;
    if (kind === "continuous") {
      let sum = 0;
      let sumSq = 0;
      raw.rows.forEach((row, n) => {
        const cell = row[d]!;
        if (isMissing(cell)) return;
        if (!isNumber(cell)) {
          const [file, line, , col] = at(n);
          throw new CsvFormatError(
            file,
            line,
            `text "${cell.slice(0, 20)}" in continuous column "${name}"; fix the cell, or pass --types ${name}=categorical`,
            col,
          );
        }
        sum += Number(cell);
        sumSq += Number(cell) ** 2;
      });
      const mean = sum / observed;
      const sd = Math.sqrt(Math.max(0, sumSq / observed - mean * mean));
      specs.push({ name, source: d, kind, states: [], shift: mean, scale: sd > 0 ? sd : 1, missing });
      return;
    }
    const states = [...distinct].sort(byValue([...distinct].every(isNumber)));
    if (kind === "binary" && states.length > 2) {
      throw new CsvFormatError(
        raw.file,
        raw.lines[0]!,
        `column "${name}" has ${states.length} values, a binary column has at most 2; use --types ${name}=categorical`,
        d + 1,
      );
    }
    if (states.length > MAX_STATES) {
      throw new CsvFormatError(
        raw.file,
        raw.lines[0]!,
        `column "${name}" has ${states.length} distinct values (at most ${MAX_STATES}); --ignore it` +
          (mostlyNumbers ? ` or pass --types ${name}=continuous` : " (an identifier or free text?)"),
        d + 1,
      );
    }
    // A binary column seen with one value still has two states, so the other one can be served.
    if (states.length === 1) states.push(states[0] === "1" ? "0" : states[0] === "0" ? "1" : "other");
    if (kind === "binary" && states.every((s) => s === "0" || s === "1")) states.sort();
    specs.push({ name, source: d, kind, states, shift: 0, scale: 1, missing });
  });
  if (specs.length === 0) throw new TrainerUsageError(`${raw.file}: every column is ignored`);
  return specs;
}

/** Parses `--types a=categorical,b=continuous`. */
export function parseTypes(raw: string | undefined): Map<string, ColumnKind> {
  const out = new Map<string, ColumnKind>();
  if (raw === undefined || raw === "") return out;
  for (const part of raw.split(",")) {
    const eq = part.lastIndexOf("=");
    const name = part.slice(0, eq);
    const kind = part.slice(eq + 1) as ColumnKind;
    if (eq <= 0 || !COLUMN_KINDS.includes(kind)) {
      throw new TrainerUsageError(
        `--types expects col=${COLUMN_KINDS.join("|")} pairs separated by commas, got "${part}"`,
      );
    }
    out.set(name, kind);
  }
  return out;
}
