/**
 * `npm run eval:uncertainty [-- --model models/spam-lpft] [--serve] [--resamples 1000] [--seed 0] [--limit N] [--out docs/uncertainty-comparison.md]`:
 * issue 15 part 4. Fits the epistemic-uncertainty heads (rBER PAC-Bayes VI, particle VI, deep
 * ensemble, last-layer Laplace) on the validation split's served features, compares their scores
 * with softmax entropy and the served head's MI on spam-2, hard-ham-1 and easy-ham-2 (selection
 * halves choose, test halves report; trainers/uncertainty-heads/), writes the markdown report and
 * its accuracy–coverage SVGs, and with --serve puts the winner into the model folder (head.json,
 * abstention metric, recalibration) when it beats softmax entropy. Bad flags exit 2.
 */
import { writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { runCli, UserError } from "../trainers/common/cli.ts";
import { comparisonSets, SHIFTED } from "../trainers/uncertainty-heads/comparison-sets.ts";
import { compare } from "../trainers/uncertainty-heads/comparison.ts";
import { comparisonMarkdown, SCORE_LABELS } from "../trainers/uncertainty-heads/comparison-markdown.ts";
import { coverageSvg } from "../trainers/uncertainty-heads/coverage-svg.ts";
import { DEFAULT_SETTINGS, fitMethods } from "../trainers/uncertainty-heads/methods.ts";
import { openServedModel } from "../trainers/uncertainty-heads/served-features.ts";
import { serveWinner } from "../trainers/uncertainty-heads/serve-winner.ts";

await runCli("eval:uncertainty", async () => {
  const { values } = parseArgs({
    options: {
      model: { type: "string", default: "models/spam-lpft" },
      serve: { type: "boolean", default: false },
      resamples: { type: "string", default: "1000" },
      seed: { type: "string", default: "0" },
      limit: { type: "string" },
      out: { type: "string", default: "docs/uncertainty-comparison.md" },
    },
  });
  const int = (flag: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UserError(`--${flag} ${v}: expected an integer >= ${min}`);
    return n;
  };
  const resamples = int("resamples", values.resamples, 1);
  const seed = int("seed", values.seed, 0);
  const limit = values.limit === undefined ? Infinity : int("limit", values.limit, 20);
  const t0 = performance.now();
  const model = await openServedModel(values.model);
  const sets = await comparisonSets(model, seed, limit);
  console.log(
    `features: ${[sets.fit, sets.test, ...SHIFTED.flatMap((g) => [sets.select[g], sets.report[g]])].map((s) => `${s.name} ${s.labels.length}`).join(", ")}`,
  );
  const methods = fitMethods(model, sets, { ...DEFAULT_SETTINGS, seed });
  const comparison = compare(methods, sets, seed, resamples);
  const command = `npm run eval:uncertainty -- ${process.argv.slice(2).join(" ")}`.trim().replace(/ --$/, "");
  const serving = values.serve
    ? serveWinner(values.model, comparison, sets, command)
    : "Run with `--serve` to put the winner into the model folder (nothing was changed by this run).";
  const svgs: Record<string, string> = {};
  const stem = basename(values.out, ".md");
  for (const g of SHIFTED) {
    const file = `${stem}-${g}.svg`;
    // One curve per head, its best score on the selection halves; softmax entropy first (dashed).
    const best = new Map<string, (typeof comparison.candidates)[number]>();
    for (const c of comparison.candidates)
      if ((best.get(c.method.key)?.selection.mean ?? -1) < c.selection.mean) best.set(c.method.key, c);
    const lines = [comparison.baseline, ...[...best.values()].filter((c) => c.method.key !== "single")].map((c) => ({
      label: `${c.method.label} · ${SCORE_LABELS[c.score]}`,
      points: c.report![g].curve,
    }));
    writeFileSync(
      join(dirname(values.out), file),
      coverageSvg(`${g} (test half): accuracy among answered vs coverage`, lines),
    );
    svgs[g] = file;
  }
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(
    values.out,
    comparisonMarkdown(comparison, { command, model: values.model, seconds, sets, svgs, serving }),
  );
  const w = comparison.winner;
  console.log(
    `winner on the selection halves: ${w.method.label} · ${w.score} (mean error AUROC ${w.selection.mean.toFixed(3)}; softmax entropy ${comparison.baseline.selection.mean.toFixed(3)})`,
  );
  console.log(serving);
  console.log(`wrote ${values.out} in ${seconds.toFixed(0)} s`);
});
