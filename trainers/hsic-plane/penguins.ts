import { readFileSync } from "node:fs";
import type { Rng } from "../../shared/numeric/rng.ts";
import { UserError } from "../common/cli.ts";

export const PENGUINS_PATH = "node_modules/vega-datasets/data/penguins.json";
const FEATURES = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"] as const;

export interface Table {
  x: Float64Array; // [n * dim], standardised with the training split's mean and sd
  labels: Int32Array;
  n: number;
  dim: number;
  classes: string[];
}

/**
 * The penguins table (vega-datasets) as four standardised measurements → species, split
 * train/test by a seeded shuffle; rows with a missing measurement are dropped.
 */
export function loadPenguins(rng: Rng, path = PENGUINS_PATH, testFraction = 0.3): { train: Table; test: Table } {
  let rows: Record<string, unknown>[];
  try {
    rows = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>[];
  } catch (e) {
    throw new UserError(`${path}: ${(e as Error).message}`);
  }
  const complete = rows.filter((r) => FEATURES.every((f) => typeof r[f] === "number") && typeof r.Species === "string");
  const classes = [...new Set(complete.map((r) => r.Species as string))].sort();
  for (let i = complete.length - 1; i > 0; i--) {
    const j = rng.nextUint32() % (i + 1);
    [complete[i], complete[j]] = [complete[j]!, complete[i]!];
  }
  const nTest = Math.round(complete.length * testFraction);
  const trainRows = complete.slice(nTest);
  const mean = FEATURES.map((f) => trainRows.reduce((s, r) => s + (r[f] as number), 0) / trainRows.length);
  const sd = FEATURES.map(
    (f, k) => Math.sqrt(trainRows.reduce((s, r) => s + ((r[f] as number) - mean[k]!) ** 2, 0) / trainRows.length) || 1,
  );
  const table = (part: Record<string, unknown>[]): Table => ({
    x: Float64Array.from(part.flatMap((r) => FEATURES.map((f, k) => ((r[f] as number) - mean[k]!) / sd[k]!))),
    labels: Int32Array.from(part.map((r) => classes.indexOf(r.Species as string))),
    n: part.length,
    dim: FEATURES.length,
    classes,
  });
  return { train: table(trainRows), test: table(complete.slice(0, nTest)) };
}
