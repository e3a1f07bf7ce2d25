import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ClassifierConfigSchema } from "../../shared/classify/artifact-schema.ts";
import { applyTextPipeline } from "../../shared/text/pipeline.ts";
import { DEFAULT_OPTIONS } from "../classifier-demo/train.ts";
import { demoSplits, DIM } from "../classifier-demo/dataset.ts";
import { legacyValidFiles } from "../spam-lpft/legacy-split.ts";
import { testSplit, SPLIT_SCHEME } from "../spam-lpft/served-sets.ts";
import { readRaw, spamSplits, type Group } from "../spam-lpft/spam-data.ts";

/**
 * The held-out splits of the shipped classifiers as users would send them, redrawn from the
 * manifest's seed with the trainers' own code: spam-lpft's raw e-mails (the server applies the
 * model's text pipeline; e-mails it would refuse as empty are left out, as a client must) and
 * demo-classifier's numeric rows. Nothing is written into the project.
 */
export type SplitName = "valid" | "test";

export interface LabelledSplit {
  texts?: string[];
  inputs?: number[][];
  labels: number[];
}

interface Facts {
  name: string;
  training: { seed: number; splitScheme?: string };
}

export function shippedSplit(modelDir: string, split: SplitName): LabelledSplit {
  const m = JSON.parse(readFileSync(join(modelDir, "manifest.json"), "utf8")) as Facts;
  if (m.name === "demo-classifier") return demoSplit(m.training.seed, split);
  if (m.name === "spam-lpft") return spamSplit(modelDir, m.training.seed, m.training.splitScheme, split);
  throw new Error(`${modelDir}: only spam-lpft and demo-classifier have a split this code can redraw`);
}

function demoSplit(seed: number, split: SplitName): LabelledSplit {
  const data = demoSplits(seed, DEFAULT_OPTIONS)[split];
  return {
    inputs: Array.from({ length: data.n }, (_, i) => Array.from(data.x.subarray(i * DIM, (i + 1) * DIM))),
    labels: Array.from(data.y),
  };
}

function spamSplit(modelDir: string, seed: number, scheme: string | undefined, split: SplitName): LabelledSplit {
  const files =
    split === "test"
      ? testSplit(seed, scheme).files
      : scheme === SPLIT_SCHEME
        ? spamSplits(seed).valid.files
        : legacyValidFiles(seed);
  const config = ClassifierConfigSchema.parse(JSON.parse(readFileSync(join(modelDir, "classifier.json"), "utf8")));
  const steps = config.input.kind === "text" ? config.input.preprocess : undefined;
  const texts: string[] = [];
  const labels: number[] = [];
  for (const f of files) {
    const [group, file] = f.split("/") as [Group, string];
    const raw = readRaw(group, file);
    if (steps && applyTextPipeline(steps, raw).trim() === "") continue;
    texts.push(raw);
    labels.push(group.startsWith("spam") ? 1 : 0);
  }
  return { texts, labels };
}

/** JSON Lines for `npm run calibrate -- --data`. */
export function toJsonLines(s: LabelledSplit): string {
  return (
    s.labels
      .map((label, i) => JSON.stringify(s.texts ? { text: s.texts[i], label } : { inputs: s.inputs![i], label }))
      .join("\n") + "\n"
  );
}
