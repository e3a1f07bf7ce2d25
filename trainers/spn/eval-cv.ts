import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import { scoreModel } from "./score.ts";
import { readRawTable } from "./table-read.ts";

/**
 * k-fold cross-validation of the trainer's ONE default command on a labelled table: the files are
 * pooled, shuffled (seeded) and cut into k folds; each fold is scored by `spn:score --target`
 * on a model trained by `train:spn -- --train <other folds> --test <fold> --out …` (no other flag:
 * the trainer holds out its own seeded 10 % for the search). Published wdbc accuracies (95–97.5 %)
 * are cross-validated over all 569 rows; one 115-row test split moves 0.9 points per row, so this is
 * the comparable figure. The Gaussian classifiers of spn:score are fitted on the same folds.
 *
 *   npm run eval:spn:cv -- --data a.csv,b.csv --target diagnosis [--folds 5] [--seed 1] [--jobs 2]
 *
 * Fold files go to a temporary folder, never into the repository.
 */
const { values } = parseArgs({
  options: {
    data: { type: "string" },
    target: { type: "string" },
    folds: { type: "string", default: "5" },
    seed: { type: "string", default: "1" },
    jobs: { type: "string", default: "2" },
  },
});
if (!values.data || !values.target) {
  process.stderr.write("usage: npm run eval:spn:cv -- --data <csv>[,<csv>...] --target <column> [--folds K]\n");
  process.exit(2);
}
const target = values.target;
const k = Number(values.folds);
const tables = values.data.split(",").map(readRawTable);
const header = tables[0]!.header;
for (const t of tables)
  if (t.header.join(",") !== header.join(",")) throw new Error(`${t.file}: header differs from ${tables[0]!.file}`);
const rows = tables.flatMap((t) => t.rows);
const rng = createRng(Number(values.seed));
for (let i = rows.length - 1; i > 0; i--) {
  const j = uniformInt(rng, i + 1);
  [rows[i], rows[j]] = [rows[j]!, rows[i]!];
}

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csv = (part: readonly (readonly string[])[]): string =>
  `${[header, ...part].map((r) => r.map(quote).join(",")).join("\n")}\n`;
const dir = mkdtempSync(join(tmpdir(), "spn-cv-"));
const folds = Array.from({ length: k }, (_, f) => {
  const test = rows.filter((_, n) => n % k === f);
  const train = rows.filter((_, n) => n % k !== f);
  const files = { train: join(dir, `fold${f}.train.csv`), test: join(dir, `fold${f}.test.csv`) };
  writeFileSync(files.train, csv(train));
  writeFileSync(files.test, csv(test));
  return { ...files, out: join(dir, "models", `fold${f}`) };
});

/** The default command as a user runs it, in a child process (its own CPU clock and budget). */
const train = (fold: (typeof folds)[number]): Promise<void> =>
  new Promise((resolve, reject) => {
    const argv = ["--import", "tsx", "trainers/spn/cli.ts", "--train", fold.train, "--test", fold.test];
    const child = spawn(process.execPath, [...argv, "--out", fold.out], { stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`train:spn exited ${code}: ${fold.out}`))));
  });
const queue = [...folds];
await Promise.all(
  Array.from({ length: Number(values.jobs) }, async () => {
    for (let fold = queue.shift(); fold; fold = queue.shift()) await train(fold);
  }),
);

const scores: Record<string, unknown>[] = [];
for (const fold of folds) {
  const s = await scoreModel([
    "--model",
    fold.out,
    "--data",
    fold.test,
    "--target",
    target,
    "--baseline-train",
    fold.train,
  ]);
  scores.push(s);
  process.stdout.write(`${JSON.stringify(s)}\n`);
}
const n = scores.reduce((a, s) => a + (s.labelledRows as number), 0);
const pooled = (key: string): number =>
  scores.reduce((a, s) => a + (s[key] as number) * (s.labelledRows as number), 0) / n;
const summary = {
  folds: k,
  rows: n,
  accuracy: pooled("accuracy"),
  nll: pooled("nll"),
  eceMeanOverFolds: scores.reduce((a, s) => a + (s.ece as number), 0) / k,
  logLikelihood: pooled("logLikelihood"),
  baselineAccuracyNaiveBayes: pooled("baselineAccuracyNaiveBayes"),
  baselineAccuracyQda: pooled("baselineAccuracyQda"),
  baselineAccuracyLda: pooled("baselineAccuracyLda"),
  foldAccuracies: scores.map((s) => s.accuracy),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
