import { type CalibrationOptions, type CalibrationResult, runCalibration, SMALL_CALIBRATION } from "./calibration.ts";
import { runTabularCalibration } from "./calibration-tabular.ts";
import { DEFAULT_TRAIN_OPTIONS } from "./train-options.ts";

/**
 * `npm run eval:spn:calibration [-- --seeds 201-240]`: coverage of the served 90% intervals of
 * p(q | e) on synthetic data (calibration.ts) over many seeds, with the served spread (S members x
 * R posterior draws) and, on the same models, the members alone; with the trainer's default leaf
 * priors (empirical Bayes, sampled in the chain), with fixed Beta(1, 1) leaf priors, with
 * members from five independent chains (train-chains.ts), with empirical-Bayes leaf priors as
 * the DEBD models used before (MC-EM refit), with the truth drawn from the model's own prior
 * (calibration-prior.ts: simulation-based calibration), and on a mixed table (categorical, binary
 * and continuous columns read as a user's CSV: calibration-tabular.ts) with the trainer's
 * defaults (priors sampled in the chain), with mvn leaves, with the column-group fit kept, the
 * former refit and no empirical Bayes. Prints one JSON document. Seeds 201-240 (the default),
 * 301-340 and 401-440 were never used to choose anything: settings and the quantile rule were
 * compared on seeds 101-132 (docs/spn-api.md). The queries of one seed share a data set and
 * a model, so their hits are correlated: the pooled figure's standard error is taken between seeds.
 */
function parseSeeds(argv: readonly string[]): number[] {
  const i = argv.indexOf("--seeds");
  const spec = i >= 0 ? argv[i + 1] : "201-240";
  const m = /^(\d+)-(\d+)$/.exec(spec ?? "");
  if (!m || Number(m[2]) < Number(m[1])) {
    process.stderr.write(`eval:spn:calibration: --seeds must look like 201-240, got "${spec}"\n`);
    process.exit(2);
  }
  return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, k) => Number(m[1]) + k);
}

const seeds = parseSeeds(process.argv.slice(2));
const d = DEFAULT_TRAIN_OPTIONS;
// The trainer's own leaf priors (what `npm run train:spn` does without prior flags) on the small schedule.
const defaults = { empiricalBayes: d.empiricalBayes, beta: d.beta, betaUpdate: d.betaUpdate };
const configs: Record<string, Partial<CalibrationOptions>> = {
  "trainer defaults (empirical-Bayes leaf priors, sampled; as models/nltcs)": {
    train: { ...SMALL_CALIBRATION.train, ...defaults },
  },
  "Beta(1,1) leaves, one chain": {},
  "Beta(1,1) leaves, 5 independent chains x 2 members": {
    train: { ...SMALL_CALIBRATION.train, chains: 5, iterations: 8 },
  },
  "empirical-Bayes leaves, MC-EM refit (DEBD models before 2026-12-02)": {
    train: { ...SMALL_CALIBRATION.train, empiricalBayes: true, betaUpdate: "refit" },
  },
  "truth drawn from the model's own prior (simulation-based calibration)": { truth: "prior" },
  // A mixed table (categorical, binary, continuous; calibration-tabular.ts) with the trainer's
  // defaults: its Dirichlet / Normal-Gamma / Beta priors fitted on column groups, then sampled in the chain.
  "mixed table, trainer defaults": { truth: "tabular", train: { ...SMALL_CALIBRATION.train, ...defaults } },
  // As wdbc and penguins are served: mutual-information splits, multivariate (NIW) leaves over the
  // continuous columns a leaf region holds.
  "mixed table, trainer defaults, mi split and mvn leaves (as wdbc, penguins)": {
    truth: "tabular",
    train: {
      ...SMALL_CALIBRATION.train,
      ...defaults,
      structure: { sumComponents: 3, leafComponents: 3, partitions: 2, depth: 1, split: "mi", leaf: "mvn" },
    },
  },
  "mixed table, column-group empirical-Bayes fit kept (the default before 2026-12-02, 3rd session)": {
    truth: "tabular",
    train: { ...SMALL_CALIBRATION.train, ...defaults, betaUpdate: "fixed" },
  },
  "mixed table, empirical-Bayes priors refitted in burn-in (the default before 2026-12-02, 2nd session)": {
    truth: "tabular",
    train: { ...SMALL_CALIBRATION.train, ...defaults, betaUpdate: "refit" },
  },
  "mixed table, fixed default priors (no empirical Bayes)": { truth: "tabular" },
};
const round = (x: number): number => Number(x.toFixed(4));
const report: Record<string, unknown> = {};
const summary = (runs: CalibrationResult[], over: "draws" | "members"): Record<string, unknown> => {
  const covered = runs.reduce((a, r) => a + r[over].covered, 0);
  const queries = runs.reduce((a, r) => a + r.queries, 0);
  const perSeed = runs.map((r) => r[over].coverage).sort((a, b) => a - b);
  const mean = perSeed.reduce((a, c) => a + c, 0) / perSeed.length;
  const sd = Math.sqrt(perSeed.reduce((a, c) => a + (c - mean) ** 2, 0) / Math.max(1, perSeed.length - 1));
  return {
    coverage: round(covered / queries),
    standardErrorBetweenSeeds: round(sd / Math.sqrt(perSeed.length)),
    perSeedMin: perSeed[0],
    perSeedQuartiles: [0.25, 0.5, 0.75].map((p) => perSeed[Math.floor(p * (perSeed.length - 1))]),
    perSeedMax: perSeed[perSeed.length - 1],
    seedsInBand: perSeed.filter((c) => c >= 0.85 && c <= 0.95).length,
    meanWidth: round(runs.reduce((a, r) => a + r[over].meanWidth, 0) / runs.length),
    queries,
    parameterSets: runs[0]![over].sets,
  };
};
// `--only <text>`: just the rows whose name contains it (the other rows do not depend on each other).
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]! : "";
for (const [name, config] of Object.entries(configs)) {
  if (!name.includes(only)) continue;
  const run = config.truth === "tabular" ? runTabularCalibration : runCalibration;
  const runs = seeds.map((seed) => run({ ...SMALL_CALIBRATION, ...config, seed }));
  report[name] = {
    draws: summary(runs, "draws"),
    membersOnly: summary(runs, "members"),
    seconds: Math.round(runs.reduce((a, r) => a + r.seconds, 0)),
  };
  process.stderr.write(`${name}: ${JSON.stringify(report[name])}\n`);
}
process.stdout.write(
  `${JSON.stringify({ command: "npm run eval:spn:calibration", level: SMALL_CALIBRATION.level, seeds: `${seeds[0]}-${seeds[seeds.length - 1]}`, report }, null, 2)}\n`,
);
