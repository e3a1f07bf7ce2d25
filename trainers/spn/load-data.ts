import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import { concatData, readBinaryCsv, type BinaryData } from "./dataset.ts";
import { CsvFormatError, TrainerUsageError } from "./errors.ts";
import { inferColumns, type ColumnKind, type ColumnSpec } from "./table-columns.ts";
import { encodeTable } from "./table-encode.ts";
import { looksLikeBinaryDebd, readRawTable, type RawTable } from "./table-read.ts";

/** A seeded held-out split of the training file, used when no --valid / --test file is given. */
export interface SplitSpec {
  valid: number;
  test: number;
  seed: number;
}

export interface TableOptions {
  types: ReadonlyMap<string, ColumnKind>;
  ignore: readonly string[];
  split: SplitSpec | null;
}

export interface LoadedData {
  train: BinaryData;
  valid: BinaryData | null;
  test: BinaryData | null;
  /** Mixed tables only. */
  columns: ColumnSpec[] | null;
  split: (SplitSpec & { rows: { train: number; valid: number; test: number } }) | null;
}

/**
 * Row indices of each part of a seeded split: a Fisher–Yates shuffle by createRng(seed), the first
 * round(test N) rows are test, the next round(valid N) valid, the rest train; each kept in file
 * order. spn:score calls this with the manifest's split to score exactly the held-out rows.
 */
export function splitRows(rows: number, s: SplitSpec): { train: number[]; valid: number[]; test: number[] } {
  const rng = createRng(s.seed);
  const order = Array.from({ length: rows }, (_, n) => n);
  for (let i = rows - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nTest = Math.round(s.test * rows);
  const nValid = Math.round(s.valid * rows);
  const sorted = (a: number[]): number[] => a.sort((p, q) => p - q);
  return {
    test: sorted(order.slice(0, nTest)),
    valid: sorted(order.slice(nTest, nTest + nValid)),
    train: sorted(order.slice(nTest + nValid)),
  };
}

const pick = (raw: RawTable, rows: readonly number[]): RawTable => ({
  ...raw,
  rows: rows.map((n) => raw.rows[n]!),
  lines: rows.map((n) => raw.lines[n]!),
});

/** Training files concatenated row-wise; every file must have the first file's header. */
function readTrainRaw(files: readonly string[]): RawTable {
  const parts = files.map(readRawTable);
  const first = parts[0]!;
  for (const p of parts.slice(1)) {
    if (p.header.join("\u0000") !== first.header.join("\u0000"))
      throw new CsvFormatError(p.file, 1, `header differs from ${first.file}`, 1);
  }
  return { ...first, rows: parts.flatMap((p) => p.rows), lines: parts.flatMap((p) => p.lines) };
}

/**
 * Reads the training (and valid/test) data: header-less 0/1 files take the DEBD path unchanged;
 * anything else (a header row, other values, missing cells, JSON records) is a mixed table whose
 * columns are detected on the training rows and applied to the other files.
 */
export function loadData(
  train: readonly string[],
  valid: string | null,
  test: string | null,
  o: TableOptions,
): LoadedData {
  const plain = o.types.size === 0 && o.ignore.length === 0 && o.split === null && train.every(looksLikeBinaryDebd);
  if (plain) {
    const trainData = concatData(train.map(readBinaryCsv), train);
    const read = (path: string | null): BinaryData | null => {
      if (path === null) return null;
      const data = readBinaryCsv(path);
      if (data.cols !== trainData.cols)
        throw new CsvFormatError(path, 1, `has ${data.cols} columns, the training data has ${trainData.cols}`);
      return data;
    };
    return { train: trainData, valid: read(valid), test: read(test), columns: null, split: null };
  }
  let rawTrain = readTrainRaw(train);
  let rawValid = valid === null ? null : readRawTable(valid);
  let rawTest = test === null ? null : readRawTable(test);
  let split: LoadedData["split"] = null;
  const wholeFile = rawTrain;
  if (o.split) {
    if (valid !== null || test !== null)
      throw new TrainerUsageError("--split holds rows out of --train; it cannot be combined with --valid or --test");
    const parts = splitRows(rawTrain.rows.length, o.split);
    [rawValid, rawTest] = [
      parts.valid.length > 0 ? pick(rawTrain, parts.valid) : null,
      parts.test.length > 0 ? pick(rawTrain, parts.test) : null,
    ];
    rawTrain = pick(rawTrain, parts.train);
    split = { ...o.split, rows: { train: parts.train.length, valid: parts.valid.length, test: parts.test.length } };
  }
  // With --split the held-out rows are the same file's: its states are the columns' states.
  const columns = inferColumns(rawTrain, o, wholeFile);
  const ref = { header: rawTrain.header, file: rawTrain.file };
  const encode = (raw: RawTable | null): BinaryData | null => (raw === null ? null : encodeTable(raw, columns, ref));
  return { train: encode(rawTrain)!, valid: encode(rawValid), test: encode(rawTest), columns, split };
}

/** Parses `--split valid=0.2,test=0.2,seed=1` (seed defaults to 1). */
export function parseSplit(raw: string | undefined): SplitSpec | null {
  if (raw === undefined) return null;
  const s: SplitSpec = { valid: 0, test: 0, seed: 1 };
  for (const part of raw.split(",")) {
    const [key, value] = part.split("=");
    const v = Number(value);
    if ((key === "valid" || key === "test") && v >= 0 && v < 1) s[key] = v;
    else if (key === "seed" && Number.isInteger(v) && v >= 0 && v < 2 ** 32) s.seed = v;
    else throw new TrainerUsageError(`--split expects valid=F,test=F[,seed=N] with 0 <= F < 1, got "${part}"`);
  }
  if (s.valid + s.test >= 0.9) throw new TrainerUsageError("--split leaves under 10 % of the rows for training");
  return s;
}
