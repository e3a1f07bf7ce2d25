import { parseArgs } from "node:util";
import { SERVED_PEAK_BUDGET_MIB } from "../../shared/spn/served-load.ts";
import { TrainerUsageError } from "./errors.ts";
import { parseSplit, type TableOptions } from "./load-data.ts";
import { parseTypes } from "./table-columns.ts";
import { DEFAULT_TRAIN_OPTIONS, type SamplerKind, type TrainOptions } from "./train-options.ts";

export interface CliArgs {
  train: string[];
  valid: string | null;
  test: string | null;
  out: string;
  options: TrainOptions;
  /** Mixed tables: --types, --ignore, --split. */
  table: TableOptions;
  /**
   * Default (no structure or sweep flags): choose the structure by successive halving on
   * validation LL within --budget-s (default 600 s; structure-search.ts). Otherwise one chain.
   */
  search: boolean;
  /**
   * The predicted served peak a model must stay within (MiB; --served-budget-mib, default
   * SERVED_PEAK_BUDGET_MIB: a deployed isolate's 128 MB). A model embedded in Node may take more.
   */
  servedBudgetMiB: number;
}

/** Flags that fix what the search would choose (or ask for an iteration-mode, reproducible run). */
const SINGLE_CHAIN_FLAGS = [
  "sum-components",
  "leaf-components",
  "partitions",
  "depth",
  "region-graph",
  "leaf",
  "burn-in",
  "iterations",
  "thin",
] as const;
export const DEFAULT_BUDGET_S = 600;

export const USAGE = `usage: npm run train:spn -- --train <csv>[,<csv>...] [--valid <csv>] [--test <csv>] --out models/<name>
  [--sampler topdown|bottomup|hybrid] [--seed N] [--iterations N] [--burn-in N] [--thin N] [--members S] [--chains C]
  [--budget-s N (default ${DEFAULT_BUDGET_S} when searching)] [--sum-components K_s] [--leaf-components K_l] [--partitions J] [--depth L]
  [--region-graph random|mi] [--leaf product|mvn] [--alpha A|eb] [--empirical-bayes on|off] [--leaf-prior sample|fixed|refit] [--proposals P] [--neighbour-proposals F] [--switch-acceptance F]
  [--types col=binary|categorical|continuous,...] [--ignore col,...] [--split valid=F,test=F[,seed=N]]
  [--served-budget-mib M (default ${SERVED_PEAK_BUDGET_MIB}: the model keeps the members that fit a deployed 128 MB isolate)]
  Data: header-less 0/1 CSV (DEBD), or a table with a header row (CSV, ;- or tab-separated) / JSON records (mixed types; empty, ?, NA, NaN, . are missing).`;

const int = (name: string, raw: string | undefined, fallback: number, min: number): number => {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min)
    throw new TrainerUsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return v;
};
const num = (name: string, raw: string | undefined, fallback: number, min: number, max = Infinity): number => {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new TrainerUsageError(`--${name} must be a number in [${min}, ${max}], got "${raw}"`);
  return v;
};

/** Parses and validates the trainer's command line; every problem is a TrainerUsageError. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const str = { type: "string" } as const;
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        train: str,
        valid: str,
        test: str,
        out: str,
        sampler: str,
        seed: str,
        iterations: str,
        "burn-in": str,
        thin: str,
        members: str,
        chains: str,
        "budget-s": str,
        "sum-components": str,
        "leaf-components": str,
        partitions: str,
        depth: str,
        "region-graph": str,
        alpha: str,
        "empirical-bayes": str,
        "leaf-prior": str,
        proposals: str,
        "switch-acceptance": str,
        "neighbour-proposals": str,
        types: str,
        ignore: str,
        split: str,
        leaf: str,
        "served-budget-mib": str,
      },
    }).values;
  } catch (err) {
    throw new TrainerUsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.train || !values.out) throw new TrainerUsageError(`--train and --out are required\n${USAGE}`);
  const name = values.out.replace(/\/+$/, "").split("/").pop() ?? "";
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new TrainerUsageError(`--out must end in a model name like models/nltcs, got "${values.out}"`);
  const sampler = (values.sampler ?? DEFAULT_TRAIN_OPTIONS.sampler) as SamplerKind;
  if (!["topdown", "bottomup", "hybrid"].includes(sampler))
    throw new TrainerUsageError(`--sampler must be topdown, bottomup or hybrid, got "${sampler}"`);
  const eb = values["empirical-bayes"] ?? "on";
  if (eb !== "on" && eb !== "off") throw new TrainerUsageError(`--empirical-bayes must be on or off, got "${eb}"`);
  const d = DEFAULT_TRAIN_OPTIONS;
  const leafPrior = values["leaf-prior"] ?? d.betaUpdate;
  if (leafPrior !== "sample" && leafPrior !== "fixed" && leafPrior !== "refit")
    throw new TrainerUsageError(`--leaf-prior must be sample, fixed or refit, got "${leafPrior}"`);
  const search = SINGLE_CHAIN_FLAGS.every((f) => values[f] === undefined);
  const budget =
    values["budget-s"] === undefined ? (search ? DEFAULT_BUDGET_S : null) : num("budget-s", values["budget-s"], 0, 0.1);
  const split = values["region-graph"] ?? "random";
  if (split !== "random" && split !== "mi")
    throw new TrainerUsageError(`--region-graph must be random or mi, got "${split}"`);
  const leaf = values.leaf ?? "product";
  if (leaf !== "product" && leaf !== "mvn") throw new TrainerUsageError(`--leaf must be product or mvn, got "${leaf}"`);
  const options: TrainOptions = {
    ...d,
    structure: {
      sumComponents: int("sum-components", values["sum-components"], d.structure.sumComponents, 1),
      leafComponents: int("leaf-components", values["leaf-components"], d.structure.leafComponents, 1),
      partitions: int("partitions", values.partitions, d.structure.partitions, 1),
      depth: int("depth", values.depth, d.structure.depth, 1),
      split,
      ...(leaf === "mvn" ? { leaf } : {}),
    },
    sampler,
    seed: int("seed", values.seed, d.seed, 0),
    // With a budget the sweep counts only cap the run, so they default to "no cap".
    burnIn: int("burn-in", values["burn-in"], budget === null ? d.burnIn : 1e9, 0),
    iterations: int("iterations", values.iterations, budget === null ? d.iterations : 1e9, 1),
    thin: int("thin", values.thin, d.thin, 1),
    members: int("members", values.members, d.members, 1),
    chains: int("chains", values.chains, d.chains, 1),
    budgetS: budget,
    // Default "eb": start at 0.02 and refit in the second half of burn-in; a number fixes alpha.
    alpha: values.alpha === undefined || values.alpha === "eb" ? d.alpha : num("alpha", values.alpha, d.alpha, 1e-6),
    refitAlpha: eb === "on" && (values.alpha === undefined || values.alpha === "eb"),
    empiricalBayes: eb === "on",
    betaUpdate: leafPrior,
    proposals: int("proposals", values.proposals, d.proposals, 1),
    neighbourMix: num("neighbour-proposals", values["neighbour-proposals"], d.neighbourMix, 0, 0.99),
    switchAcceptance: num("switch-acceptance", values["switch-acceptance"], d.switchAcceptance, 0, 1),
    // A timed run with held-out rows ends its phases on their LL (schedule.ts validPlateau).
    validSchedule: budget !== null && (search || values.valid !== undefined),
  };
  if (options.chains > 1 && search)
    throw new TrainerUsageError(
      "--chains needs the structure and sweep flags (the structure search trains one chain per candidate)",
    );
  if (values["leaf-prior"] !== undefined && !options.empiricalBayes)
    throw new TrainerUsageError("--leaf-prior needs --empirical-bayes on");
  if (values.alpha === "eb" && !options.empiricalBayes)
    throw new TrainerUsageError("--alpha eb needs --empirical-bayes on");
  if (options.seed > 0xffffffff) throw new TrainerUsageError("--seed must be below 2^32");
  const table: TableOptions = {
    types: parseTypes(values.types),
    ignore: values.ignore ? values.ignore.split(",") : [],
    split: parseSplit(values.split),
  };
  return {
    train: values.train.split(","),
    valid: values.valid ?? null,
    test: values.test ?? null,
    out: values.out,
    options,
    table,
    search,
    servedBudgetMiB: num("served-budget-mib", values["served-budget-mib"], SERVED_PEAK_BUDGET_MIB, 60),
  };
}
