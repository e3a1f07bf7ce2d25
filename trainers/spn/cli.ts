import { basename } from "node:path";
import { parseCliArgs, type CliArgs } from "./cli-args.ts";
import type { BinaryData } from "./dataset.ts";
import { TrainerUsageError } from "./errors.ts";
import { ensembleFromScores } from "./evaluate.ts";
import { createProgressBar } from "./progress.ts";
import { serializeTrained } from "./artifact.ts";
import { traceSvg } from "./trace-svg.ts";
import { loadData } from "./load-data.ts";
import { logScaleOffset, missingCounts } from "./table-encode.ts";
import type { TrainResult } from "./train.ts";
import { trainChains } from "./train-chains.ts";
import { writeModel } from "./write-model.ts";
import { holdOut } from "./holdout.ts";
import { ARTIFACT_CAP_BYTES, type CandidateRecord } from "./structure-search.ts";
import { searchStructure } from "./cli-search.ts";
import { keepMembers, resultServedPeakMiB, servableMembers } from "./servable.ts";

/** Share of the training rows held out for validation when no --valid file is given. */
const HOLDOUT_FRACTION = 0.1;

const quote = (a: string): string => (/^[\w./,:=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);

/**
 * Mean test log-likelihood of the last member alone (one posterior-mean SPN, weights
 * (n + alpha) / (n_s + C alpha) given the final sample) and of the uniform mixture of all members.
 */
function scores(result: TrainResult, set: number, data?: BinaryData): [number | null, number | null] {
  const perMember = result.memberScores[set];
  if (perMember === undefined) return [null, null];
  const last = perMember[perMember.length - 1]!;
  const offset = data ? logScaleOffset(data) : 0; // standardised -> user units (mixed tables)
  return [last.reduce((acc, v) => acc + v, 0) / last.length - offset, ensembleFromScores(perMember) - offset];
}

/** Trains, evaluates and writes models/<name>; returns the manifest metrics for callers and tests. */
export function runTrainer(
  args: CliArgs,
  argv: readonly string[],
  quiet = false,
): Record<string, number | string | null> {
  const started = performance.now();
  const loaded = loadData(args.train, args.valid, args.test, args.table);
  const { test, columns } = loaded;
  let { train: trainData, valid } = loaded;
  // The search needs rows it never trains on: without --valid (or --split valid=F), a seeded 10 % of train.
  const heldOut = args.search && valid === null;
  if (heldOut) ({ train: trainData, valid } = holdOut(trainData, HOLDOUT_FRACTION, args.options.seed));
  const sets = [trainData, valid, test];
  const scoreSets = sets.filter((d): d is BinaryData => d !== null);
  const names = columns ? columns.map((c) => c.name) : Array.from({ length: trainData.cols }, (_, d) => `x${d}`);
  let search: CandidateRecord[] | null = null;
  let chosen = "set by flags";
  let result: TrainResult;
  if (args.search) {
    const found = searchStructure(args, trainData, valid!, scoreSets, names, columns, quiet);
    ({ result, candidates: search } = found);
    chosen = found.winner.label;
    args.options.structure = found.winner.structure;
  } else {
    const bar = createProgressBar(process.stderr, basename(args.out));
    result = trainChains(trainData, valid, args.options, quiet ? undefined : (p) => bar.update(p), scoreSets);
    if (!quiet) bar.done();
  }
  // A model must fit a deployed isolate: a graph too large for S members keeps fewer (servable.ts).
  const servable = Math.max(
    1,
    servableMembers(names, columns, result.members.length, args.servedBudgetMiB)(result).members,
  );
  if (servable < result.members.length) {
    if (!quiet)
      process.stderr.write(
        `keeping ${servable} of ${result.members.length} members to stay within --served-budget-mib ${args.servedBudgetMiB}\n`,
      );
    result = keepMembers(result, servable);
  }
  const [trainLL, trainEnsemble] = scores(result, 0, trainData);
  const [validLL, validEnsemble] = valid ? scores(result, scoreSets.indexOf(valid), valid) : [null, null];
  const [testLL, testEnsemble] = test ? scores(result, scoreSets.indexOf(test), test) : [null, null];
  const g = result.graph;
  const o = args.options;
  const metrics = {
    trainLogLikelihood: trainLL,
    trainLogLikelihoodEnsemble: trainEnsemble,
    validLogLikelihood: validLL,
    validLogLikelihoodEnsemble: validEnsemble,
    testLogLikelihood: testLL,
    testLogLikelihoodEnsemble: testEnsemble,
    structureChosen: chosen,
    // With the search: every candidate chain plus the final one (the budget covers them all).
    totalTrainingSeconds: search ? search.reduce((acc, c) => acc + c.seconds, 0) : result.seconds,
    seconds: result.seconds,
    wallSeconds: (performance.now() - started) / 1000,
    sweeps: result.sweeps,
    secondsPerSweep: result.seconds / result.sweeps,
    acceptanceRate: result.acceptance,
    switchedAtSweep: result.switchedAtSweep,
    validation: heldOut
      ? `seeded ${100 * HOLDOUT_FRACTION} % of the training rows (not trained on)`
      : args.valid !== null
        ? "the --valid file (not trained on)"
        : valid !== null
          ? "the --split share of the rows (not trained on)"
          : "none",
    edges: g.edges,
    sumNodes: g.sums,
    leafNodes: g.leaves,
    members: result.members.length,
    servedPeakMiB: Number(resultServedPeakMiB(result, columns).toFixed(1)),
    trainRows: trainData.rows,
    note: "LL in nats/sample (mixed tables: collapsed Student-t leaves, user units); *LogLikelihood = last member alone (posterior-mean SPN of the final sample), *Ensemble = uniform mixture of the members; seconds = training time in CPU seconds of the process (set-up, sweeps, EB fits; scoring excluded), wallSeconds = the whole run",
  };
  const name = basename(args.out.replace(/\/+$/, ""));
  const spnJson = serializeTrained(result, names, columns);
  const table = columns && {
    columns: columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      ...(c.kind === "continuous" ? { mean: c.shift, sd: c.scale } : { states: c.states }),
    })),
    missingCells: {
      train: missingCounts(trainData),
      ...(valid ? { valid: missingCounts(valid) } : {}),
      ...(test ? { test: missingCounts(test) } : {}),
    },
    ...(loaded.split ? { split: loaded.split } : {}),
    ...(args.table.ignore.length > 0 ? { ignored: args.table.ignore } : {}),
  };
  writeModel(
    args.out,
    { spnJson, traceSvg: traceSvg(result.trace, `${name}: ${o.sampler} sampler, seed ${o.seed}`) },
    {
      name,
      description: `Bayesian SPN (${result.members.length} posterior samples of a ${o.structure.split === "mi" ? "mutual-information" : "random"} region graph, Trapp et al. 2019) trained by collapsed ${o.sampler} sampling.`,
      variables: names,
      metrics,
      training: {
        command: `npm run train:spn -- ${argv.map(quote).join(" ")}`,
        seed: o.seed,
        data: `${[...args.train, args.valid, args.test].filter((f) => f !== null).join(", ")} — read by path, not shipped; trained on ${args.train.map((f) => basename(f)).join(" + ")}`,
        trainer: "trainers/spn/cli.ts",
        sampler: o.sampler,
        date: new Date().toISOString(),
        hyperparameters: {
          empiricalBayes: o.empiricalBayes,
          alphaRefit: o.refitAlpha,
          // Mixed tables have no hyperprior sampler: under "sample" they keep the MC-EM refit (schedule.ts).
          leafPrior: !o.empiricalBayes ? "fixed" : columns && o.betaUpdate === "sample" ? "refit" : o.betaUpdate,
          alphaInitial: o.alpha,
          alpha: result.hyper.alpha,
          alphaEmpiricalBayesAtEnd: result.alphaEmpiricalBayes,
          betaA: Array.from(result.hyper.a, (v) => Number(v.toPrecision(6))),
          betaB: Array.from(result.hyper.b, (v) => Number(v.toPrecision(6))),
          proposals: o.proposals,
          neighbourProposals: o.neighbourMix,
          neighbourWindow: o.neighbourWindow,
          switchAcceptance: o.switchAcceptance,
          switchFraction: o.switchFraction,
          burnIn: o.burnIn,
          iterations: o.iterations,
          thin: o.thin,
          members: o.members,
          budgetS: o.budgetS,
          ...(o.chains > 1 ? { chains: o.chains } : {}),
        },
        structure: { ...o.structure, regions: g.regions, nodes: g.nodes },
        servedBudgetMiB: args.servedBudgetMiB,
        ...(table ? { table } : {}),
        ...(search
          ? {
              artifactCapBytes: ARTIFACT_CAP_BYTES,
              search: search.map((c) => ({
                ...c,
                validLogLikelihood: Number(c.validLogLikelihood.toFixed(4)),
                seconds: Number(c.seconds.toFixed(1)),
              })),
            }
          : {}),
      },
    },
  );
  return metrics;
}

function main(): void {
  const argv = process.argv.slice(2);
  try {
    const metrics = runTrainer(parseCliArgs(argv), argv);
    process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
  } catch (err) {
    if (err instanceof TrainerUsageError) {
      process.stderr.write(`train:spn: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    throw err;
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(basename(process.argv[1]))) main();
