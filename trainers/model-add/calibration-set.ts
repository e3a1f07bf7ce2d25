import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The labelled calibration file of `model:add`: JSON with `labels` (label names or indices)
 * and either `inputs` (rows of numbers, flattened like the API's) or `texts`.
 */
const Label = z.union([z.string(), z.number().int().nonnegative()]);
const FileSchema = z.union([
  z.object({ inputs: z.array(z.array(z.number())).min(1), labels: z.array(Label).min(1) }),
  z.object({ texts: z.array(z.string()).min(1), labels: z.array(Label).min(1) }),
]);

export interface CalibrationSet {
  inputs?: number[][];
  texts?: string[];
  /** Label indices into the model's labels. */
  labels: Int32Array;
}

export function readCalibrationSet(path: string, labelNames: readonly string[]): CalibrationSet {
  const parsed = FileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${path}: expected { "inputs" | "texts": [...], "labels": [...] } (${parsed.error.issues[0]!.message})`,
    );
  const file = parsed.data;
  const rows = "inputs" in file ? file.inputs.length : file.texts.length;
  if (file.labels.length !== rows) throw new Error(`${path}: ${rows} examples but ${file.labels.length} labels`);
  const labels = Int32Array.from(file.labels, (l, i) => {
    const index = typeof l === "number" ? l : labelNames.indexOf(l);
    if (index < 0 || index >= labelNames.length)
      throw new Error(`${path}: labels[${i}] = ${JSON.stringify(l)} is not one of ${labelNames.join(", ")}`);
    return index;
  });
  return "inputs" in file ? { inputs: file.inputs, labels } : { texts: file.texts, labels };
}
