import { existsSync, readFileSync } from "node:fs";
import { readCalibrationSet, type CalibrationSet } from "../model-add/calibration-set.ts";

/**
 * A labelled file for `npm run calibrate`: JSON Lines (`{"text": …, "label": …}` or
 * `{"inputs": […], "label": …}` per line), CSV with a header holding `label` and either `text`
 * or the numeric input columns, or model:add's JSON (`{"texts"|"inputs": […], "labels": […]}`).
 * Labels are names from the model's label set or indices into it.
 */
export class BadInputError extends Error {
  override readonly name = "BadInputError";
}

function labelIndex(raw: unknown, labels: readonly string[], where: string): number {
  const asNumber =
    typeof raw === "number"
      ? raw
      : typeof raw === "string" && /^\d+$/.test(raw) && !labels.includes(raw)
        ? Number(raw)
        : undefined;
  const index = asNumber ?? (typeof raw === "string" ? labels.indexOf(raw) : -1);
  if (!Number.isInteger(index) || index < 0 || index >= labels.length)
    throw new BadInputError(`${where}: label ${JSON.stringify(raw)} is not one of ${labels.join(", ")}`);
  return index;
}

/** RFC 4180 CSV rows (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

export function readLabelledFile(path: string, labels: readonly string[]): CalibrationSet {
  if (!existsSync(path)) throw new BadInputError(`${path}: no such file`);
  const raw = readFileSync(path, "utf8");
  if (raw.trim() === "") throw new BadInputError(`${path}: the file is empty`);
  if (path.endsWith(".json")) {
    try {
      return readCalibrationSet(path, labels);
    } catch (e) {
      throw new BadInputError((e as Error).message);
    }
  }
  const texts: string[] = [];
  const inputs: number[][] = [];
  const ys: number[] = [];
  if (path.endsWith(".csv")) {
    const [header, ...rows] = parseCsv(raw);
    const col = header!.map((h) => h.trim());
    const li = col.indexOf("label");
    const ti = col.indexOf("text");
    if (li < 0) throw new BadInputError(`${path}: the CSV header has no "label" column`);
    rows.forEach((r, i) => {
      const where = `${path}:${i + 2}`;
      ys.push(labelIndex(r[li], labels, where));
      if (ti >= 0) texts.push(r[ti] ?? "");
      else inputs.push(r.filter((_, j) => j !== li).map((v) => Number(v)));
    });
  } else {
    raw.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      const where = `${path}:${i + 1}`;
      let rec: { text?: unknown; inputs?: unknown; label?: unknown };
      try {
        rec = JSON.parse(line) as typeof rec;
      } catch {
        throw new BadInputError(`${where}: not a JSON object`);
      }
      ys.push(labelIndex(rec.label, labels, where));
      if (typeof rec.text === "string") texts.push(rec.text);
      else if (Array.isArray(rec.inputs)) inputs.push(rec.inputs.map(Number));
      else throw new BadInputError(`${where}: needs "text" or "inputs"`);
    });
  }
  if (ys.length === 0) throw new BadInputError(`${path}: no labelled examples`);
  if (texts.length > 0 && inputs.length > 0) throw new BadInputError(`${path}: mixes texts and numeric inputs`);
  if (inputs.some((r) => r.some((v) => !Number.isFinite(v))))
    throw new BadInputError(`${path}: a numeric input is not a finite number`);
  return texts.length > 0 ? { texts, labels: Int32Array.from(ys) } : { inputs, labels: Int32Array.from(ys) };
}
