import { readFileSync } from "node:fs";
import { csvRecords, isBlankRecord, sniffDelimiter } from "./csv-records.ts";
import { CsvFormatError } from "./errors.ts";

/**
 * A data file as text cells: the header (column names) and the rows, each with the 1-based line it
 * came from so that every later error can say file:line:column.
 */
export interface RawTable {
  file: string;
  header: string[];
  /** True when the names came from the file (a header row or JSON keys), not generated x0, x1, … */
  named: boolean;
  rows: string[][];
  lines: number[];
}

/** Cells that mean "not observed": empty, `?`, `NA`, `NaN`, and a lone `.` (SAS / penguins export). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(["", "?", "NA", "NaN", "."]);
export const isMissing = (cell: string): boolean => MISSING_TOKENS.has(cell);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const isNumber = (cell: string): boolean => NUMBER.test(cell);

/** A number written with a decimal comma (how `;`-separated files from European locales write them). */
const DECIMAL_COMMA_NUMBER = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;

/**
 * In a `;`-separated file, a column whose every observed cell is a number once its comma is read as
 * the decimal point is rewritten with points (so "50,76" is 50.76, as the spreadsheet meant it).
 */
function readDecimalCommas(rows: string[][], columns: number): void {
  for (let d = 0; d < columns; d++) {
    let commas = false;
    let numeric = true;
    for (const row of rows) {
      const cell = row[d]!;
      if (isMissing(cell) || isNumber(cell)) continue;
      if (DECIMAL_COMMA_NUMBER.test(cell)) commas = true;
      else numeric = false;
    }
    if (commas && numeric) for (const row of rows) row[d] = row[d]!.replace(",", ".");
  }
}

/**
 * Parses delimited text (csv-records.ts). The first record is a header when any of its cells is
 * neither a number nor a missing token; otherwise columns are named x0, x1, … (the DEBD convention).
 * Blank lines are skipped (in a one-column table a blank line is a missing cell); a separator at
 * the end of every line (an empty last column with no name) is dropped; ragged rows throw.
 */
export function parseCsvTable(text: string, file: string): RawTable {
  const delimiter = sniffDelimiter(text);
  const records = csvRecords(text, delimiter);
  while (records.length > 0 && isBlankRecord(records[records.length - 1]!)) records.pop();
  if (records.length === 0) throw new CsvFormatError(file, 0, "empty file");
  const first = records[0]!.cells;
  const named = first.some((c) => !isNumber(c) && !isMissing(c));
  const body = records.slice(named ? 1 : 0).filter((r) => first.length === 1 || !isBlankRecord(r));
  const trailing = first.length > 1 && first.at(-1) === "" && body.every((r) => r.cells.at(-1) === "");
  const width = trailing ? first.length - 1 : first.length;
  const header = named ? first.slice(0, width) : first.slice(0, width).map((_, d) => `x${d}`);
  const seen = new Set<string>();
  header.forEach((name, d) => {
    if (name === "") throw new CsvFormatError(file, 1, `column ${d + 1} has an empty name`, d + 1);
    if (seen.has(name)) throw new CsvFormatError(file, 1, `column name "${name}" appears twice`, d + 1);
    seen.add(name);
  });
  for (const { cells, line } of body) {
    if (cells.length === first.length) continue;
    const what = named ? "the header" : "line 1";
    const found = `found ${cells.length}${delimiter === "," ? "" : ` (separated by ${JSON.stringify(delimiter)})`}`;
    throw new CsvFormatError(
      file,
      line,
      `expected ${first.length} values like ${what}, ${found}`,
      Math.min(cells.length, first.length) + 1,
    );
  }
  if (body.length === 0) throw new CsvFormatError(file, 1, "no data rows after the header");
  const rows = body.map((r) => (trailing ? r.cells.slice(0, width) : r.cells));
  if (delimiter === ";") readDecimalCommas(rows, width);
  return { file, header, named, rows, lines: body.map((r) => r.line) };
}

/** A JSON array of flat records (e.g. vega-datasets): keys become columns, null a missing cell. */
export function parseJsonTable(text: string, file: string): RawTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CsvFormatError(file, 0, `not JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(value) || value.length === 0)
    throw new CsvFormatError(file, 0, "expected a non-empty JSON array of records");
  const header: string[] = [];
  for (const rec of value) {
    if (rec === null || typeof rec !== "object" || Array.isArray(rec)) continue;
    for (const key of Object.keys(rec)) if (!header.includes(key)) header.push(key);
  }
  const rows = value.map((rec: unknown, i) => {
    if (rec === null || typeof rec !== "object" || Array.isArray(rec))
      throw new CsvFormatError(file, i + 1, "record is not an object");
    return header.map((key, d) => {
      const v = (rec as Record<string, unknown>)[key];
      if (v === null || v === undefined) return "";
      if (typeof v === "object")
        throw new CsvFormatError(file, i + 1, `field "${key}" is not a number or a string`, d + 1);
      return String(v).trim();
    });
  });
  // "line" = 1-based record number for JSON input.
  return { file, header, named: true, rows, lines: rows.map((_, i) => i + 1) };
}

/** Reads a .csv or .json data file by path (data is never copied into the repository). */
export function readRawTable(path: string): RawTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CsvFormatError(path, 0, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return path.endsWith(".json") ? parseJsonTable(text, path) : parseCsvTable(text, path);
}

/** True for header-less files whose first line is all 0/1: the DEBD binary path reads those. */
export function looksLikeBinaryDebd(path: string): boolean {
  if (path.endsWith(".json")) return false;
  let head: string;
  try {
    head = readFileSync(path, "utf8").slice(0, 65536).split("\n")[0]!.replace(/\r$/, "");
  } catch {
    return true; // let the binary reader report the unreadable file as before
  }
  return head.split(",").every((c) => c.trim() === "0" || c.trim() === "1");
}
