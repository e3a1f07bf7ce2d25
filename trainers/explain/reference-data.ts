import { readFileSync } from "node:fs";
import type { Manifest } from "../../shared/artifacts/manifest.ts";
import { demoSplits, type Dataset } from "../classifier-demo/dataset.ts";
import { DEFAULT_OPTIONS } from "../classifier-demo/train.ts";
import { UserError } from "../common/cli.ts";

/**
 * Where the reference (correctly classified) examples come from: a CSV the user gives (one row
 * per example, the input values then the true label's name; lines starting with # skipped), or,
 * for a model folder written by trainers/classifier-demo, that trainer's validation split
 * regenerated from the manifest's seed (never the test split).
 */
export function readLabelledCsv(path: string, labels: readonly string[], width: number): Dataset {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UserError(`${path}: cannot read the reference file`);
  }
  const x: number[] = [];
  const y: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const cells = line.split(",");
    if (cells.length !== width + 1)
      throw new UserError(`${path}:${i + 1}:1: expected ${width} numbers and a label, found ${cells.length} fields`);
    let column = 1;
    for (const cell of cells.slice(0, width)) {
      const v = Number(cell);
      if (cell.trim() === "" || !Number.isFinite(v))
        throw new UserError(`${path}:${i + 1}:${column}: "${cell}" is not a number`);
      x.push(v);
      column += cell.length + 1;
    }
    const label = labels.indexOf(cells[width]!.trim());
    if (label < 0)
      throw new UserError(`${path}:${i + 1}:${column}: unknown label "${cells[width]}" (labels: ${labels.join(", ")})`);
    y.push(label);
  });
  if (y.length === 0) throw new UserError(`${path}: no examples`);
  return { x: Float64Array.from(x), y: Int32Array.from(y), n: y.length };
}

export function demoTrainerSplits(manifest: Manifest): { valid: Dataset; test: Dataset; seed: number } | undefined {
  const t = manifest.training as { trainer?: unknown; seed: number | null; command: string };
  if (t.trainer !== "trainers/classifier-demo" || t.seed === null) return undefined;
  const sizes = /--train[ =]/.test(t.command) ? undefined : DEFAULT_OPTIONS; // splits follow the train size
  if (!sizes) return undefined; // a non-default training split: ask for --reference instead
  const { valid, test } = demoSplits(t.seed, sizes);
  return { valid, test, seed: t.seed };
}
