import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { concatData, readBinaryCsv, type BinaryData } from "./dataset.ts";
import { TrainerUsageError } from "./errors.ts";
import { ensembleFromScores } from "./evaluate.ts";
import { benchmarkOptions } from "./eval-presets.ts";
import { likelihoodTable, speedTable, type SamplerRun } from "./eval-report.ts";
import { defaultTable, runDefaultCommand, writeWideShortSet, type DefaultRun } from "./eval-default.ts";
import { measureSpeed, type SpeedRow } from "./eval-speed.ts";
import { createProgressBar } from "./progress.ts";
import { secondsToReach } from "./trace.ts";
import { train } from "./train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "./train-options.ts";

const ALL = ["nltcs", "plants", "baudio", "jester", "bnetflix", "accidents"];
/** Derived check of a wide, short table (eval-default.ts writeWideShortSet). */
const WIDE = "wide180";
const CI_DEFAULT_BUDGET_S = 40;
const SPEED_STRUCTURES = [
  { sumComponents: 5, leafComponents: 5, partitions: 2, depth: 3 },
  { sumComponents: 10, leafComponents: 10, partitions: 4, depth: 3 },
  { sumComponents: 10, leafComponents: 10, partitions: 8, depth: 3 },
];

/** Independent-Bernoulli test log-likelihood with add-1/2 smoothing: the floor a model must beat. */
function independentLogLikelihood(train: BinaryData, test: BinaryData): number {
  const D = train.cols;
  const p = new Float64Array(D);
  for (let i = 0; i < train.x.length; i++) p[i % D]! += train.x[i]!;
  for (let d = 0; d < D; d++) p[d] = (p[d]! + 0.5) / (train.rows + 1);
  let total = 0;
  for (let i = 0; i < test.x.length; i++) total += Math.log(test.x[i] === 1 ? p[i % D]! : 1 - p[i % D]!);
  return total / test.rows;
}

/** Trains every sampler on one data set with the same seed, structure and initial trees. */
function evaluateDataset(
  dir: string,
  name: string,
  samplers: string[],
  budgetS: number,
  trainValid: boolean,
  seed: number,
): SamplerRun[] {
  const path = (split: string): string => join(dir, name, `${name}.${split}.data`);
  const trainSplit = readBinaryCsv(path("train"));
  const valid = readBinaryCsv(path("valid"));
  const test = readBinaryCsv(path("test"));
  const data = trainValid ? concatData([trainSplit, valid], [path("train"), path("valid")]) : trainSplit;
  const independent = independentLogLikelihood(data, test);
  const runs = samplers.map((sampler) => {
    const bar = createProgressBar(process.stderr, `${name}/${sampler}`);
    const o = benchmarkOptions(DEFAULT_TRAIN_OPTIONS, name, sampler, budgetS, seed);
    const r = train(data, trainValid ? null : valid, o, (p) => bar.update(p), [test]);
    bar.done();
    const scores = r.memberScores[0]!;
    const last = scores[scores.length - 1]!;
    return {
      dataset: name,
      sampler,
      independent,
      edges: r.graph.edges,
      trace: r.trace,
      testSingle: last.reduce((a, v) => a + v, 0) / last.length,
      testEnsemble: ensembleFromScores(scores),
      seconds: r.seconds,
      sweeps: r.sweeps,
      secondsPerSweep: r.seconds / r.sweeps,
      acceptance: r.acceptance,
      switchedAtSweep: r.switchedAtSweep,
      finalTrainLogLikelihood: r.trace[r.trace.length - 1]!.trainLogLikelihood,
      secondsToTarget: null,
      target: NaN,
    };
  });
  // Time-to-likelihood: the best train LL that every sampler reached, so each row has a time.
  const target = Math.min(...runs.map((r) => Math.max(...r.trace.map((p) => p.trainLogLikelihood))));
  return runs.map((r) => ({ ...r, target, secondsToTarget: secondsToReach(r.trace, target) }));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      datasets: { type: "string" },
      "budget-s": { type: "string" },
      json: { type: "string" },
      samplers: { type: "string" },
      seed: { type: "string" },
      "train-valid": { type: "string" },
      speed: { type: "boolean" },
      "speed-only": { type: "boolean" },
      "speed-rows": { type: "string" },
      ci: { type: "boolean" },
    },
  });
  if (!values.data)
    throw new TrainerUsageError(
      "usage: npm run eval:spn -- --data <debd dir> [--datasets a,b,wide180] [--budget-s N] [--json out.json] [--samplers topdown,bottomup,hybrid [--speed]] [--speed-only] [--ci]",
    );
  // Without --samplers: the trainer's one default command per data set (train / valid / test LL).
  if (!values.ci && !values.samplers && !values["speed-only"]) return evalDefault(values);
  const ci = values.ci === true;
  const datasets = ci ? ["nltcs"] : (values.datasets?.split(",") ?? ALL);
  const samplers = ci ? ["topdown", "bottomup"] : (values.samplers?.split(",") ?? ["topdown", "bottomup", "hybrid"]);
  const budgetS = ci ? 20 : Number(values["budget-s"] ?? 60);
  const seed = Number(values.seed ?? 1);
  let defaults: DefaultRun[] = [];
  if (ci) {
    // The default command (structure search on valid) on nltcs, bounded for CI.
    defaults = [runDefaultCommand("nltcs", debdFiles(values.data, "nltcs"), CI_DEFAULT_BUDGET_S, seed)];
    process.stdout.write(`\n${defaultTable(defaults)}\n`);
  }
  const trainValid = (values["train-valid"] ?? "on") === "on";
  const runs: SamplerRun[] = [];
  if (!values["speed-only"]) {
    for (const name of datasets) runs.push(...evaluateDataset(values.data, name, samplers, budgetS, trainValid, seed));
    process.stdout.write(`\n${likelihoodTable(runs)}\n`);
  }
  const speed: SpeedRow[] = [];
  if (values.speed || values["speed-only"]) {
    const baudio = readBinaryCsv(join(values.data, "baudio", "baudio.train.data"));
    const rows = Number(values["speed-rows"] ?? 1000);
    for (const s of SPEED_STRUCTURES) speed.push(...measureSpeed(baudio, s, 0.02, rows, 10));
    process.stdout.write(`\n${speedTable(speed)}\n`);
  }
  if (values.json)
    writeFileSync(values.json, `${JSON.stringify({ budgetS, trainValid, seed, runs, speed }, null, 1)}\n`);
  if (ci) {
    const bad = runs.filter((r) => !Number.isFinite(r.testEnsemble) || r.testEnsemble <= r.independent);
    for (const r of bad)
      process.stderr.write(
        `eval:spn --ci: ${r.dataset}/${r.sampler} test LL ${r.testEnsemble} is not better than independent Bernoulli ${r.independent}\n`,
      );
    const independent = runs[0]!.independent;
    const badDefault = defaults.filter((d) => !((d.metrics.testLogLikelihoodEnsemble as number) > independent));
    for (const d of badDefault)
      process.stderr.write(
        `eval:spn --ci: default command on ${d.dataset}: test LL ${d.metrics.testLogLikelihoodEnsemble} is not better than independent Bernoulli ${independent}\n`,
      );
    if (bad.length + badDefault.length > 0) process.exit(1);
  }
}

const debdFiles = (dir: string, name: string): Record<"train" | "valid" | "test", string> => ({
  train: join(dir, name, `${name}.train.data`),
  valid: join(dir, name, `${name}.valid.data`),
  test: join(dir, name, `${name}.test.data`),
});

/** `npm run eval:spn -- --data <debd> [--datasets a,b,wide180] [--budget-s N]`: the default command's table. */
function evalDefault(values: {
  data?: string;
  datasets?: string;
  "budget-s"?: string;
  seed?: string;
  json?: string;
}): void {
  const dir = values.data!;
  const budgetS = values["budget-s"] === undefined ? null : Number(values["budget-s"]);
  const seed = Number(values.seed ?? 1);
  const runs: DefaultRun[] = [];
  for (const name of values.datasets?.split(",") ?? [...ALL, WIDE]) {
    const files = name === WIDE ? writeWideShortSet(dir) : debdFiles(dir, name);
    const run = runDefaultCommand(name, files, budgetS, seed);
    process.stderr.write(`${run.command}\n${defaultTable([run])}\n`);
    runs.push(run);
  }
  process.stdout.write(`\n${defaultTable(runs)}\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ budgetS, seed, runs }, null, 1)}\n`);
}

try {
  main();
} catch (err) {
  if (!(err instanceof TrainerUsageError)) throw err;
  process.stderr.write(`eval:spn: ${err.message}\n`);
  process.exit(err.exitCode);
}
