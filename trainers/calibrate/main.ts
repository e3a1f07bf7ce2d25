/**
 * `npm run calibrate -- --model models/<name> --data <labelled .jsonl | .csv | .json>
 *   [--conformal 0.05,0.1] [--score lac|aps|raps] [--mondrian] [--delta 0.1] [--target 0.99]
 *   [--metric maxProb|total|epistemic|excessRisk] [--calibrators temperature,vector,...] [--seed 0]`
 * recalibrates a classifier folder (trainers/calibrate/calibrate-model.ts) with onnxruntime-node,
 * rewrites calibration.json and the manifest, and regenerates models/index.ts when the folder is
 * in models/. Options left out keep the folder's current choice. Bad input exits with code 2.
 */
import { parseArgs } from "node:util";
import {
  ABSTAIN_METRICS,
  CONFORMAL_SCORES,
  type AbstainMetric,
  type ConformalScore,
} from "../../shared/classify/artifact-schema.ts";
import { calibrateModel, type CalibrateOptions } from "./calibrate-model.ts";
import { CALIBRATOR_CANDIDATES, type Candidate } from "./choose-calibrator.ts";
import { BadInputError } from "./labelled-file.ts";

function fail(message: string): never {
  console.error(`calibrate: ${message}`);
  process.exit(2);
}

const flags = {
  model: { type: "string" },
  data: { type: "string" },
  conformal: { type: "string" },
  score: { type: "string" },
  mondrian: { type: "boolean" },
  lambda: { type: "string" },
  "k-reg": { type: "string" },
  delta: { type: "string" },
  target: { type: "string" },
  metric: { type: "string" },
  calibrators: { type: "string" },
  seed: { type: "string" },
} as const;
let values: ReturnType<typeof parseArgs<{ options: typeof flags }>>["values"];
try {
  ({ values } = parseArgs({ options: flags }));
} catch (e) {
  fail((e as Error).message);
}
if (!values.model || !values.data) fail("--model <folder> and --data <labelled file> are required");

function number(flag: string, raw: string | undefined, lo: number, hi: number, open = true): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || (open ? v <= lo || v >= hi : v < lo || v > hi))
    fail(`--${flag} ${raw}: expected a number in ${open ? "(" : "["}${lo}, ${hi}${open ? ")" : "]"}`);
  return v;
}
const options: CalibrateOptions = {};
if (values.conformal !== undefined)
  options.alphas = values.conformal.split(",").map((a) => number("conformal", a.trim(), 0, 1)!);
if (values.score !== undefined) {
  if (!(CONFORMAL_SCORES as readonly string[]).includes(values.score))
    fail(`--score ${values.score}: one of ${CONFORMAL_SCORES.join(", ")}`);
  options.score = values.score as ConformalScore;
}
if (values.mondrian) options.mondrian = true;
if (values.metric !== undefined) {
  if (!(ABSTAIN_METRICS as readonly string[]).includes(values.metric))
    fail(`--metric ${values.metric}: one of ${ABSTAIN_METRICS.join(", ")}`);
  options.metric = values.metric as AbstainMetric;
}
if (values.calibrators !== undefined) {
  const list = values.calibrators.split(",").map((c) => c.trim());
  const bad = list.find((c) => !(CALIBRATOR_CANDIDATES as readonly string[]).includes(c));
  if (bad) fail(`--calibrators: ${bad} is not one of ${CALIBRATOR_CANDIDATES.join(", ")}`);
  options.candidates = ["temperature", ...list.filter((c) => c !== "temperature")] as Candidate[];
}
const set = <K extends keyof CalibrateOptions>(key: K, v: CalibrateOptions[K] | undefined) =>
  v !== undefined && (options[key] = v);
set("lambda", number("lambda", values.lambda, 0, Infinity, false));
set("kReg", number("k-reg", values["k-reg"], 0, 1e6, false));
set("delta", number("delta", values.delta, 0, 1));
set("targetAccuracy", number("target", values.target, 0, 1, false));
set("seed", number("seed", values.seed, 0, 2 ** 32 - 1, false));
if (options.kReg !== undefined && !Number.isInteger(options.kReg)) fail("--k-reg must be an integer");

try {
  const r = await calibrateModel(values.model, values.data, options);
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  console.log(
    `${values.model}: ${r.examples} examples; calibrator ${r.calibration.method} (T ${r.temperatureBefore.toFixed(4)} -> ${r.temperature.toFixed(4)})`,
  );
  for (const s of r.choice.scores)
    console.log(
      `  ${s.candidate.padEnd(16)} CV NLL ${s.cvNll.toFixed(4)}  vs temperature ${s.vsTemperature >= 0 ? "+" : ""}${s.vsTemperature.toFixed(4)} ± ${s.standardError.toFixed(4)}`,
    );
  const fit = r.calibration.fit;
  console.log(
    `in-sample: ECE ${pct(r.before.ece)} -> ${pct(r.after.ece)}, classwise ECE ${pct(Number(fit.classwiseEceBefore))} -> ${pct(Number(fit.classwiseEceAfter))}, adaptive ECE ${pct(Number(fit.adaptiveEceBefore))} -> ${pct(Number(fit.adaptiveEceAfter))}, NLL ${r.before.nll.toFixed(4)} -> ${r.after.nll.toFixed(4)}, accuracy ${pct(r.after.accuracy)}`,
  );
  console.log(
    `abstain: ${JSON.stringify(r.calibration.abstain)} (answered accuracy ${pct(r.rule.accuracy)}, Clopper–Pearson bound on the error ${pct(r.rule.errorBound)})`,
  );
  if (r.calibration.conformal) console.log(`conformal: ${JSON.stringify(r.calibration.conformal)}`);
} catch (e) {
  if (e instanceof BadInputError) fail(e.message);
  throw e;
}
