/**
 * `npm run eval:guarantees [-- --splits 200]`: the conformal coverage and risk-controlled
 * abstention of the shipped classifiers over random calibration/test splits of their test data,
 * through the Node library on the shipped artifacts (trainers/calibrate/guarantee-study.ts):
 * the figures in docs/guarantees.md. Each split refits the quantiles and the threshold on the
 * calibration part, exactly as `npm run calibrate` does, and measures them on the rest.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { adaptiveEce, calibrationMetrics, classwiseEce } from "../shared/calibration/metrics.ts";
import type { Classifier } from "../shared/classify/classifier.ts";
import { createRng } from "../shared/numeric/rng.ts";
import { openModels } from "../shared/node/index.ts";
import { bootstrapAbstention, randomSplits, serveSet } from "../trainers/calibrate/guarantee-study.ts";
import { riskCoverageSvg } from "../trainers/calibrate/risk-coverage-svg.ts";
import { shippedSplit } from "../trainers/calibrate/shipped-splits.ts";

const { values } = parseArgs({
  options: {
    splits: { type: "string", default: "200" },
    fraction: { type: "string", default: "0.5" },
    svg: { type: "boolean", default: false },
  },
});
const splits = Number(values.splits);
const fraction = Number(values.fraction);
const models = openModels("models");
const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
for (const name of ["spam-lpft", "demo-classifier"]) {
  const { compiled } = await models.get(name, "classifier");
  const data = shippedSplit(`models/${name}`, "test");
  const set = await serveSet(compiled, data);
  const f = randomSplits(createRng(2026), set, compiled, [0.05, 0.1], splits, fraction);
  const cal = compiled.calibration;
  console.log(
    `\n${name}: ${set.y.length} test examples, ${splits} splits (${pct(fraction)} calibration); score ${cal.conformal?.score ?? "lac"}${cal.conformal?.mondrian ? " (Mondrian)" : ""}, calibrator ${cal.method}`,
  );
  console.log("| α | target coverage | mean coverage | 5th–95th pct of coverage | mean set size | empty sets |");
  console.log("|---|---|---|---|---|---|");
  for (const c of f.conformal) {
    const sorted = [...c.coverages].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    console.log(
      `| ${c.alpha} | ${pct(1 - c.alpha)} | ${pct(c.coverage)} | ${pct(q(0.05))}–${pct(q(0.95))} | ${c.size.toFixed(3)} | ${pct(c.empty)} |`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const report = (what: string, runs: { answered: number; accuracy: number }[]) => {
    const answered = runs.filter((a) => a.answered > 0);
    const ok = runs.filter((a) => a.answered === 0 || a.accuracy >= cal.abstain.targetAccuracy).length;
    console.log(
      `abstention, ${what} (${cal.abstain.metric}, target ${pct(cal.abstain.targetAccuracy)}, δ ${cal.abstain.delta}): answered accuracy >= target in ${pct(ok / runs.length)} ` +
        `(need >= ${pct(1 - (cal.abstain.delta ?? 0.1))}); mean coverage ${pct(mean(runs.map((a) => a.answered)))}; ` +
        `mean answered accuracy ${pct(mean(answered.map((a) => a.accuracy)))}; nothing answered in ${runs.length - answered.length} of ${runs.length}`,
    );
  };
  const population = bootstrapAbstention(createRng(2027), set, compiled, splits, set.y.length);
  report(
    `population check: ${splits} i.i.d. calibration sets of ${set.y.length} from the test data's empirical distribution`,
    population,
  );
  report(`on the test part of the ${splits} splits`, f.abstention);
  const m = calibrationMetrics(set.probs, set.y, set.classes);
  console.log(
    `served test data: accuracy ${pct(m.accuracy)}, NLL ${m.nll.toFixed(4)}, ECE ${pct(m.ece)}, classwise ECE ${pct(classwiseEce(set.probs, set.y, set.classes))}, adaptive ECE ${pct(adaptiveEce(set.probs, set.y, set.classes))}`,
  );
  if (values.svg) {
    const path = `docs/guarantees-${name}-risk-coverage.svg`;
    writeFileSync(
      path,
      riskCoverageSvg(
        `${name}: risk–coverage on its served test data (${set.y.length})`,
        cal.abstain.metric,
        set.abstain,
        set.correct,
        cal.abstain.targetAccuracy,
        population,
      ),
    );
    console.log(`wrote ${path}`);
  }
}
