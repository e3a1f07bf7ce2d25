import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import { parseCliArgs } from "./cli-args.ts";
import { runTrainer } from "./cli.ts";
import { readBinaryCsv, type BinaryData } from "./dataset.ts";
import { PUBLISHED } from "./published.ts";

/** One data set under the default command: its files and what the trainer reported. */
export interface DefaultRun {
  dataset: string;
  command: string;
  shape: string;
  metrics: Record<string, number | string | null>;
}

/**
 * A check of the failing shape (180 binary variables, 1,600 training rows) built from two
 * shared DEBD sets: plants (69) beside accidents (111) row by row, training rows a seeded sample of
 * 1,600. The two halves are unrelated, so the true model factorises across them; the trainer is not
 * told. Written to a temporary folder (never into the repository) and returned as paths.
 */
export function writeWideShortSet(debd: string, rows = 1600): Record<"train" | "valid" | "test", string> {
  const dir = mkdtempSync(join(tmpdir(), "spn-wide180-"));
  const read = (name: string, split: string): BinaryData => readBinaryCsv(join(debd, name, `${name}.${split}.data`));
  const rng = createRng(180);
  const out = {} as Record<"train" | "valid" | "test", string>;
  for (const split of ["train", "valid", "test"] as const) {
    const a = read("plants", split);
    const b = read("accidents", split);
    let pick = Array.from({ length: Math.min(a.rows, b.rows) }, (_, n) => n);
    if (split === "train") {
      for (let i = 0; i < rows; i++) {
        const j = i + uniformInt(rng, pick.length - i);
        [pick[i], pick[j]] = [pick[j]!, pick[i]!];
      }
      pick = pick.slice(0, rows).sort((p, q) => p - q);
    }
    const lines = pick.map((n) =>
      [...a.x.subarray(n * a.cols, (n + 1) * a.cols), ...b.x.subarray(n * b.cols, (n + 1) * b.cols)].join(","),
    );
    out[split] = join(dir, `wide180.${split}.data`);
    writeFileSync(out[split], `${lines.join("\n")}\n`);
  }
  return out;
}

/** Runs the trainer's default command (search on --valid within --budget-s) on one data set. */
export function runDefaultCommand(
  dataset: string,
  files: Record<"train" | "valid" | "test", string>,
  budgetS: number | null,
  seed: number,
): DefaultRun {
  const outRoot = mkdtempSync(join(tmpdir(), "spn-eval-"));
  mkdirSync(join(outRoot, "models"), { recursive: true });
  const argv = [
    "--train",
    files.train,
    "--valid",
    files.valid,
    "--test",
    files.test,
    "--out",
    join(outRoot, "models", dataset),
  ];
  if (budgetS !== null) argv.push("--budget-s", String(budgetS));
  if (seed !== 1) argv.push("--seed", String(seed));
  const metrics = runTrainer(parseCliArgs(argv), argv);
  const train = readBinaryCsv(files.train);
  return {
    dataset,
    command: `npm run train:spn -- ${argv.join(" ")}`,
    shape: `${train.cols} vars, ${train.rows} train rows`,
    metrics,
  };
}

const f = (v: unknown, digits = 3): string => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—");

/** Markdown table of the default command's train / valid / test LL beside LearnSPN. */
export function defaultTable(runs: readonly DefaultRun[]): string {
  const head = [
    "| data set | shape | structure chosen | train LL | valid LL | test LL | LearnSPN | ≥ LearnSPN | training CPU s | wall s |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  const body = runs.map((r) => {
    const m = r.metrics;
    const learn = PUBLISHED[r.dataset]?.learnSpn;
    const test = m.testLogLikelihoodEnsemble as number;
    const meets = learn === undefined ? "—" : test >= learn ? "yes" : "no";
    return `| ${r.dataset} | ${r.shape} | ${m.structureChosen ?? "—"} | ${f(m.trainLogLikelihoodEnsemble)} | ${f(m.validLogLikelihoodEnsemble)} | ${f(test)} | ${learn?.toFixed(2) ?? "—"} | ${meets} | ${f(m.totalTrainingSeconds, 0)} | ${f(m.wallSeconds, 0)} |`;
  });
  return [...head, ...body].join("\n");
}
