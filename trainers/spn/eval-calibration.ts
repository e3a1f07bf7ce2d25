import { type CalibrationOptions, runCalibration, SMALL_CALIBRATION } from "./calibration.ts";

/**
 * `npm run eval:spn:calibration`: coverage of the served 90% intervals of p(q | e) on synthetic
 * data (calibration.ts) over several seeds, with the served spread (S members x R posterior draws)
 * and, for comparison, the members alone; and with empirical-Bayes leaf priors as the shipped
 * models use. Prints one JSON document.
 */
const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
const configs: Record<string, Partial<CalibrationOptions>> = {
  "draws, Beta(1,1) leaves": {},
  "members only, Beta(1,1) leaves": { spreadOver: "members" },
  "draws, empirical-Bayes leaves": { train: { ...SMALL_CALIBRATION.train, empiricalBayes: true } },
};
const report: Record<string, unknown> = {};
for (const [name, config] of Object.entries(configs)) {
  const runs = seeds.map((seed) => runCalibration({ ...SMALL_CALIBRATION, ...config, seed }));
  const covered = runs.reduce((a, r) => a + r.covered, 0);
  const queries = runs.reduce((a, r) => a + r.queries, 0);
  report[name] = {
    coverage: covered / queries,
    perSeed: runs.map((r) => r.coverage),
    meanWidth: runs.reduce((a, r) => a + r.meanWidth, 0) / runs.length,
    queries,
    parameterSets: runs[0]!.sets,
    seconds: runs.reduce((a, r) => a + r.seconds, 0),
  };
}
process.stdout.write(`${JSON.stringify({ level: SMALL_CALIBRATION.level, seeds, report }, null, 2)}\n`);
