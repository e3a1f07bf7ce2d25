/**
 * `npm run spam:seeds -- <checkpoint> <checkpoint> ...` prints, as Markdown, LP-FT against FT
 * for several fine-tuning runs (e.g. one pretrained encoder fine-tuned with --ft-seed 7, 8, 9):
 * accuracy per evaluation set, the paired difference LP-FT − FT with its mean and standard
 * deviation across runs, and in-distribution ECE before → after temperature scaling. One seed's
 * ranking of two methods that differ by a few e-mails is noise; this is the table to judge by.
 */
import { loadCheckpointFigures } from "./checkpoint.ts";

const SETS = ["test", "easy-ham-2+spam-2", "spam-2", "hard-ham-1"] as const;
const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("spam:seeds: give one or more checkpoints written by npm run train:spam -- --checkpoint <file>");
  process.exit(2);
}
const pct = (v: number) => (100 * v).toFixed(2);
const meanSd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
  return { m, sd };
};

const runs = paths.map((path) => {
  let x;
  try {
    x = loadCheckpointFigures(path);
    if (!x?.methods?.some((m) => m.name === "FT") || !x.methods.some((m) => m.name === "LP-FT"))
      throw new Error("not a checkpoint written by npm run train:spam -- --checkpoint <file>");
  } catch (e) {
    console.error(`spam:seeds: ${path}: ${(e as Error).message}`);
    process.exit(2);
  }
  const method = (name: string) => x.methods.find((m) => m.name === name)!.calibration;
  return { seed: `${x.options.seed} / ${x.options.ftSeed ?? x.options.seed}`, lpft: method("LP-FT"), ft: method("FT") };
});

console.log(
  `| seed / ft-seed | ${SETS.map((s) => `${s} LP-FT / FT`).join(" | ")} | LP-FT ECE test before → after | LP-FT T |`,
);
console.log(`|---|${SETS.map(() => "---").join("|")}|---|---:|`);
for (const r of runs) {
  const acc = SETS.map((s) => `${pct(r.lpft.sets[s]!.after.accuracy)} / ${pct(r.ft.sets[s]!.after.accuracy)}`);
  const t = r.lpft.sets.test!;
  console.log(
    `| ${r.seed} | ${acc.join(" | ")} | ${pct(t.before.ece)} → ${pct(t.after.ece)} % | ${r.lpft.temperature.toFixed(2)} |`,
  );
}
const diff = SETS.map((s) => meanSd(runs.map((r) => r.lpft.sets[s]!.after.accuracy - r.ft.sets[s]!.after.accuracy)));
const wins = SETS.map((s) => runs.filter((r) => r.lpft.sets[s]!.after.accuracy >= r.ft.sets[s]!.after.accuracy).length);
const ece = (k: "before" | "after") => meanSd(runs.map((r) => r.lpft.sets.test![k].ece));
console.log(
  `| LP-FT − FT, mean ± sd (points) | ${diff.map((d) => `${(100 * d.m).toFixed(2)} ± ${(100 * d.sd).toFixed(2)}`).join(" | ")} | ${pct(ece("before").m)} → ${pct(ece("after").m)} % (mean) | |`,
);
console.log(`| LP-FT ≥ FT in | ${wins.map((w) => `${w} of ${runs.length}`).join(" | ")} | | |`);
