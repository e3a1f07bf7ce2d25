import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, type Rng, uniformInt } from "../../shared/numeric/rng.ts";
import type { SpnArtifact } from "../../shared/spn/artifact-schema.ts";
import { loadSpn, sample } from "../../shared/spn/index.ts";
import { serializeTrained } from "./artifact.ts";
import { type CalibrationOptions, type CalibrationResult, coverage } from "./calibration.ts";
import { loadData } from "./load-data.ts";
import { trainChains } from "./train-chains.ts";
import { DEFAULT_TRAIN_OPTIONS } from "./train-options.ts";

/** The known table: two 3-state categoricals, a binary column, two continuous columns. */
const VARIABLES: SpnArtifact["variables"] = [
  { name: "c0", type: "categorical", states: ["s0", "s1", "s2"] },
  { name: "c1", type: "categorical", states: ["s0", "s1", "s2"] },
  { name: "b0", type: "bernoulli", states: ["0", "1"] },
  { name: "g0", type: "gaussian" },
  { name: "g1", type: "gaussian" },
];
const DISCRETE = [0, 1, 2];
const STATES = [3, 3, 2];

/**
 * Calibration of the served spread on a MIXED table (the kinds a user's clinical table has):
 * data drawn from a known mixture of K products of categorical, Bernoulli and Gaussian leaves,
 * written as a CSV with a header and read by the trainer's own table reader (kinds detected,
 * continuous columns standardised inside), trained with the options given, written with its
 * posterior statistics as `train:spn` writes it, and asked p(q | e) for a random discrete query
 * with 0-3 evidence cells taken from a fresh draw of the truth (continuous evidence included).
 * Same interval and hit rule as the binary calibration (calibration.ts).
 */
export function runTabularCalibration(o: CalibrationOptions): CalibrationResult {
  const t0 = performance.now();
  const rng = createRng(o.seed);
  const truth = loadSpn(knownTabularSpn(rng, o.components), "truth");
  const rows = sample(rng, truth.spn, 0, o.rows);
  const V = VARIABLES.length;
  const cell = (v: number, x: number): string => (v < 2 ? `s${x}` : v === 2 ? String(x) : x.toFixed(4));
  const lines = Array.from({ length: o.rows }, (_, n) =>
    Array.from({ length: V }, (_, v) => cell(v, rows[n * V + v]!)).join(","),
  );
  const file = join(mkdtempSync(join(tmpdir(), "spn-calib-")), "table.csv");
  writeFileSync(file, `${VARIABLES.map((v) => v.name).join(",")}\n${lines.join("\n")}\n`);
  const data = loadData([file], null, null, { types: new Map(), ignore: [], split: null });
  const columns = data.columns!;
  const options = { ...DEFAULT_TRAIN_OPTIONS, ...o.train, seed: o.seed, traceRows: 100 };
  const r = trainChains(data.train, null, options);
  const text = serializeTrained(
    r,
    columns.map((c) => c.name),
    columns,
  );
  const model = loadSpn(text, "calibration");
  if (model.variables.map((v) => v.name).join() !== VARIABLES.map((v) => v.name).join())
    throw new Error("the trained model's variables are not the truth's");
  return {
    ...coverage(truth, model, o, () => randomTabularQuery(rng, sample(rng, truth.spn, 0, 1))),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** A discrete query variable at a random state; 0-3 other cells of `draw` as evidence: rows [e, q ∪ e]. */
function randomTabularQuery(rng: Rng, draw: Float64Array): { rowCount: number; values: Float64Array } {
  const V = VARIABLES.length;
  const values = new Float64Array(2 * V).fill(NaN);
  const qi = uniformInt(rng, DISCRETE.length);
  const q = DISCRETE[qi]!;
  values[2 * q + 1] = uniformInt(rng, STATES[qi]!);
  const evidence = uniformInt(rng, 4);
  for (let k = 0; k < evidence; k++) {
    const v = uniformInt(rng, V);
    if (v === q) continue;
    values[2 * v] = draw[v]!;
    values[2 * v + 1] = draw[v]!;
  }
  return { rowCount: 2, values };
}

/** A mixture of K products over VARIABLES, random weights, categorical/Bernoulli probabilities, means and sds. */
export function knownTabularSpn(rng: Rng, K: number): SpnArtifact {
  const nodes: SpnArtifact["nodes"] = [];
  const products: number[] = [];
  const leafParams: number[] = [];
  const probabilities = (k: number): number[] => {
    const raw = Array.from({ length: k }, () => 0.1 + rng.nextFloat());
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((p) => p / total);
  };
  for (let k = 0; k < K; k++) {
    const leaves = VARIABLES.map((_, v) => nodes.push({ kind: "leaf", variable: v }) - 1);
    leafParams.push(...probabilities(3), ...probabilities(3), 0.05 + 0.9 * rng.nextFloat());
    for (let g = 0; g < 2; g++) leafParams.push(4 * (rng.nextFloat() - 0.5), 0.5 + rng.nextFloat());
    products.push(nodes.push({ kind: "product", children: leaves }) - 1);
  }
  nodes.push({ kind: "sum", children: products });
  return {
    format: "spn",
    formatVersion: 1,
    variables: VARIABLES,
    nodes,
    members: [{ weights: probabilities(K), leafParams }],
  };
}
