import { createRng, type Rng, uniformInt } from "../../shared/numeric/rng.ts";
import type { SpnArtifact } from "../../shared/spn/artifact-schema.ts";
import {
  drawSets,
  loadSpn,
  memberSets,
  logProbBatch,
  sample,
  type SpnModel,
  weightedQuantile,
} from "../../shared/spn/index.ts";
import { serializeSpn } from "./artifact.ts";
import type { BinaryData } from "./dataset.ts";
import { priorTruthSpn } from "./calibration-prior.ts";
import { trainChains } from "./train-chains.ts";
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from "./train-options.ts";

/**
 * Calibration of the served epistemic spread (issue 13 item 2): data drawn from a known SPN, a
 * model trained by this trainer, and for random queries p(q | e) whether the central 90% interval
 * of the parameter sets' answers (S members x R posterior draws, weighted w ∝ p(e), exactly as
 * the server takes them) covers the true p*(q | e). Well calibrated: about 90% of queries.
 */
export interface CalibrationOptions {
  seed: number;
  variables: number;
  components: number;
  rows: number;
  queries: number;
  level: number;
  train: Partial<TrainOptions>;
  /**
   * The known SPN: a fixed-form mixture (knownSpn, the default), a draw from the model's prior
   * (calibration-prior.ts), or a mixed table's mixture (calibration-tabular.ts, its own runner).
   */
  truth?: "mixture" | "prior" | "tabular";
}

export const SMALL_CALIBRATION: CalibrationOptions = {
  seed: 1,
  variables: 6,
  components: 3,
  rows: 400,
  queries: 200,
  level: 0.9,
  train: {
    // Fixed Beta(1, 1) leaf priors: with empirical Bayes the intervals covered far less (see docs).
    empiricalBayes: false,
    beta: [1, 1],
    structure: { sumComponents: 3, leafComponents: 3, partitions: 2, depth: 2 },
    burnIn: 40,
    iterations: 40,
    thin: 4,
    members: 10,
  },
};

/** Hits of one spread's intervals: the served S x R draws, or the S members alone (the spread before issue 13). */
export interface CoverageCount {
  covered: number;
  coverage: number;
  meanWidth: number;
  sets: number;
}

export interface CalibrationResult {
  queries: number;
  draws: CoverageCount;
  members: CoverageCount;
  seconds: number;
}

export function runCalibration(o: CalibrationOptions): CalibrationResult {
  const t0 = performance.now();
  const rng = createRng(o.seed);
  const options = { ...DEFAULT_TRAIN_OPTIONS, ...o.train, seed: o.seed, traceRows: 100 };
  const truth = loadSpn(
    o.truth === "prior" ? priorTruthSpn(rng, o.variables, options) : knownSpn(rng, o.variables, o.components),
    "truth",
  );
  const draws = sample(rng, truth.spn, 0, o.rows);
  const data: BinaryData = { rows: o.rows, cols: o.variables, x: Uint8Array.from(draws) };
  const result = trainChains(data, null, options);
  const names = Array.from({ length: o.variables }, (_, d) => `x${d}`);
  const model = loadSpn(serializeSpn(result.graph, result.members, names), "calibration");
  return {
    ...coverage(truth, model, o, () => randomQuery(rng, o.variables).rows),
    seconds: (performance.now() - t0) / 1000,
  };
}

type Rows = { rowCount: number; values: Float64Array };

/**
 * Hits of the served 90 % (o.level) intervals over o.queries queries from `nextQuery` (rows
 * [e, q ∪ e]) against the truth's p*(q | e), for the S x R draws and the members alone.
 */
export function coverage(
  truth: SpnModel,
  model: SpnModel,
  o: Pick<CalibrationOptions, "queries" | "level">,
  nextQuery: () => Rows,
): Pick<CalibrationResult, "queries" | "draws" | "members"> {
  const hits = { draws: [0, 0, 0], members: [0, 0, 0] }; // covered, summed width, sets
  for (let i = 0; i < o.queries; i++) {
    const rows = nextQuery();
    const [lpe, lpqe] = logProbBatch(truth.spn, 0, rows);
    const want = Math.exp(lpqe! - lpe!);
    for (const over of ["draws", "members"] as const) {
      const [lo, hi, n] = interval(model, rows, over, o.level);
      const h = hits[over];
      if (lo <= want && want <= hi) h[0]!++;
      h[1]! += hi - lo;
      h[2] = n;
    }
  }
  return {
    queries: o.queries,
    draws: coverageCount(hits.draws, o.queries),
    members: coverageCount(hits.members, o.queries),
  };
}

/** [covered, summed width, sets] over `queries` queries as a CoverageCount. */
function coverageCount([covered, width, sets]: readonly number[], queries: number): CoverageCount {
  return { covered: covered!, coverage: covered! / queries, meanWidth: width! / queries, sets: sets! };
}

/**
 * The served parameter sets' answers p_set(q | e) for a query's rows [e, q ∪ e], sorted, with
 * their weights p_set(e) (scaled so the largest is 1) and the weights' total.
 */
export function setAnswers(
  model: SpnModel,
  rows: { rowCount: number; values: Float64Array },
  over: "draws" | "members",
): { x: number[]; w: number[]; total: number } {
  const sets = over === "draws" ? drawSets(model.spn, 2) : memberSets(model.spn);
  if (sets === null) throw new Error("the calibration model has no posterior statistics");
  const values: number[] = [];
  const logW: number[] = [];
  sets.forEach((spn, m) => {
    const [lpe, lpqe] = logProbBatch(spn, m, rows);
    values.push(Math.exp(lpqe! - lpe!));
    logW.push(lpe!);
  });
  const max = Math.max(...logW);
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const w = order.map((i) => Math.exp(logW[i]! - max));
  return { x: order.map((i) => values[i]!), w, total: w.reduce((a, b) => a + b, 0) };
}

/** Central `level` interval of p_set(q | e) over the served parameter sets, weighted by p_set(e). */
function interval(
  model: SpnModel,
  rows: { rowCount: number; values: Float64Array },
  over: "draws" | "members",
  level: number,
): [number, number, number] {
  const { x, w, total } = setAnswers(model, rows, over);
  return [weightedQuantile(x, w, total, (1 - level) / 2), weightedQuantile(x, w, total, (1 + level) / 2), x.length];
}

/** One query variable set to a random state, 0-3 other variables as evidence: rows [e, q ∪ e]. */
export function randomQuery(rng: Rng, D: number): { rows: { rowCount: number; values: Float64Array } } {
  const values = new Float64Array(2 * D).fill(NaN); // variable-major, 2 rows
  const q = uniformInt(rng, D);
  values[2 * q + 1] = uniformInt(rng, 2);
  const evidence = uniformInt(rng, 4);
  for (let k = 0; k < evidence; k++) {
    const v = uniformInt(rng, D);
    if (v === q) continue;
    const x = uniformInt(rng, 2);
    values[2 * v] = x;
    values[2 * v + 1] = x;
  }
  return { rows: { rowCount: 2, values } };
}

/** A mixture of `K` products of Bernoulli leaves over D variables, random weights and means. */
export function knownSpn(rng: Rng, D: number, K: number): SpnArtifact {
  const nodes: SpnArtifact["nodes"] = [];
  const products: number[] = [];
  const leafParams: number[] = [];
  for (let k = 0; k < K; k++) {
    const leaves = Array.from({ length: D }, (_, d) => nodes.push({ kind: "leaf", variable: d }) - 1);
    for (let d = 0; d < D; d++) leafParams.push(0.05 + 0.9 * rng.nextFloat());
    products.push(nodes.push({ kind: "product", children: leaves }) - 1);
  }
  nodes.push({ kind: "sum", children: products });
  const raw = products.map(() => 0.2 + rng.nextFloat());
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    format: "spn",
    formatVersion: 1,
    variables: Array.from({ length: D }, (_, d) => ({ name: `x${d}`, type: "bernoulli" as const })),
    nodes,
    members: [{ weights: raw.map((w) => w / total), leafParams }],
  };
}
