/**
 * Delimited text as records of cells (RFC 4180 as spreadsheets export it): the separator is a
 * comma, a semicolon (European locales, whose decimal mark is the comma) or a tab, guessed from the
 * header line; a double-quoted field may hold separators, line breaks and "" for a quote; lines end
 * in LF or CRLF. Each record keeps the 1-based line it starts on, for file:line:column errors.
 */
export interface CsvRecord {
  cells: string[];
  line: number;
}

export type Delimiter = "," | ";" | "\t";
const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];

/** The separator that occurs most often outside quotes in the first line (a comma on a tie or none). */
export function sniffDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Delimiter = ",";
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Splits `text` into records; cells are trimmed (a BOM counts as white space), quotes removed. */
export function csvRecords(text: string, delimiter: Delimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
        else if (ch === '"') quoted = false;
        else {
          if (ch === "\n") line++;
          cell += ch;
        }
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) cells.push(cell.trim()), (cell = "");
      else if (ch === "\n") break;
      else if (ch !== "\r") cell += ch;
    }
    cells.push(cell.trim());
    records.push({ cells, line: start });
    i++;
    line++;
  }
  return records;
}

/** True for a record read from an empty (or white-space-only) line. */
export const isBlankRecord = (r: CsvRecord): boolean => r.cells.length === 1 && r.cells[0] === "";
