import { readFileSync } from "node:fs";
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

/** Splits one CSV line; double-quoted fields may hold commas and "" for a quote. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",").map((c) => c.trim());
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") out.push(cell.trim()), (cell = "");
    else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/**
 * Parses CSV text. The first line is a header when any of its cells is neither a number nor a
 * missing token; otherwise columns are named x0, x1, … (the DEBD convention). Ragged rows throw.
 */
export function parseCsvTable(text: string, file: string): RawTable {
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new CsvFormatError(file, 0, "empty file");
  const first = splitCsvLine(lines[0]!);
  const named = first.some((c) => !isNumber(c) && !isMissing(c));
  const header = named ? first : first.map((_, d) => `x${d}`);
  const seen = new Set<string>();
  header.forEach((name, d) => {
    if (name === "") throw new CsvFormatError(file, 1, `column ${d + 1} has an empty name`, d + 1);
    if (seen.has(name)) throw new CsvFormatError(file, 1, `column name "${name}" appears twice`, d + 1);
    seen.add(name);
  });
  const rows: string[][] = [];
  const at: number[] = [];
  for (let i = named ? 1 : 0; i < lines.length; i++) {
    const cells = splitCsvLine(lines[i]!);
    if (cells.length !== header.length) {
      const what = named ? "the header" : "line 1";
      throw new CsvFormatError(
        file,
        i + 1,
        `expected ${header.length} values like ${what}, found ${cells.length}`,
        Math.min(cells.length, header.length) + 1,
      );
    }
    rows.push(cells);
    at.push(i + 1);
  }
  if (rows.length === 0) throw new CsvFormatError(file, 1, "no data rows after the header");
  return { file, header, named, rows, lines: at };
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
