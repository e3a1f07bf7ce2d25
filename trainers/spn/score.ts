import { basename, dirname } from "node:path";
import { parseArgs } from "node:util";
import { calibrationMetrics } from "../../shared/calibration/metrics.ts";
import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import { openModels } from "../../shared/node/index.ts";
import { MAX_BATCH_ROWS } from "../../shared/spn/caps.ts";
import type { SpnModel } from "../../shared/spn/load.ts";
import { spnLogProb, spnMarginals, type Assignment } from "../../shared/spn/queries.ts";
import { CsvFormatError, TrainerUsageError } from "./errors.ts";
import { splitRows, type SplitSpec } from "./load-data.ts";
import { gaussianClassifierAccuracy } from "./score-baseline-accuracy.ts";
import { gaussianBaselines } from "./score-baselines.ts";
import { isMissing, isNumber, readRawTable, type RawTable } from "./table-read.ts";

export const SCORE_USAGE = `usage: npm run spn:score -- --model models/<name> --data <csv|json> [--target <column>]
  [--split train|valid|test] [--hide F] [--seed N] [--baseline-train <csv>[,<csv>...]]`;

/** Rows of the data as the API takes them: {variable: state name | number}; missing cells left out. */
function toEvidence(model: SpnModel, raw: RawTable): Assignment[] {
  const index = model.variables.map((v) => raw.header.indexOf(v.name));
  return raw.rows.map((row, n) => {
    const out: Assignment = {};
    model.variables.forEach((v, i) => {
      const d = index[i]!;
      if (d < 0 || isMissing(row[d]!)) return;
      const cell = row[d]!;
      if (v.type === "gaussian") {
        if (!isNumber(cell))
          throw new CsvFormatError(
            raw.file,
            raw.lines[n]!,
            `text "${cell.slice(0, 20)}" in continuous column "${v.name}"`,
            d + 1,
          );
        out[v.name] = Number(cell);
      } else {
        if (!v.states.includes(cell))
          throw new CsvFormatError(
            raw.file,
            raw.lines[n]!,
            `"${cell.slice(0, 20)}" is not a state of "${v.name}" (${v.states.join(", ")})`,
            d + 1,
          );
        out[v.name] = cell;
      }
    });
    return out;
  });
}

/** Drops round(F * features) of each row's non-target variables at random (seeded). */
function hideFeatures(rows: Assignment[], names: readonly string[], fraction: number, seed: number): Assignment[] {
  const rng = createRng(seed);
  const k = Math.round(fraction * names.length);
  return rows.map((row) => {
    const pool = names.slice();
    const out = { ...row };
    for (let i = 0; i < k; i++) delete out[pool.splice(uniformInt(rng, pool.length), 1)[0]!];
    return out;
  });
}

/** Scores a served model on a data file; returns the one JSON object the CLI prints last. */
export async function scoreModel(argv: readonly string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      model: { type: "string" },
      data: { type: "string" },
      target: { type: "string" },
      split: { type: "string" },
      hide: { type: "string" },
      seed: { type: "string" },
      "baseline-train": { type: "string" },
    },
  });
  if (!values.model || !values.data) throw new TrainerUsageError(`--model and --data are required\n${SCORE_USAGE}`);
  const folder = values.model.replace(/\/+$/, "");
  // Loaded as the server loads it: manifest, sha256 of every file, schema, validation, compile.
  const loaded = await openModels(dirname(folder))
    .get(basename(folder), "spn")
    .catch((err: Error) => {
      throw new TrainerUsageError(`${folder}: ${err.message}`);
    });
  const model = loaded.compiled;
  const split = (loaded.manifest.training as { table?: { split?: SplitSpec } }).table?.split;
  // --split takes the manifest's seeded split of --data; a baseline fitted on that same file
  // then sees only its training rows, as the model did.
  const part = (t: RawTable, which: string): RawTable => {
    if (!split) throw new TrainerUsageError(`--split: ${folder}/manifest.json records no split`);
    if (!["train", "valid", "test"].includes(which))
      throw new TrainerUsageError(`--split must be train, valid or test`);
    const rows = splitRows(t.rows.length, split)[which as "train" | "valid" | "test"];
    return { ...t, rows: rows.map((n) => t.rows[n]!), lines: rows.map((n) => t.lines[n]!) };
  };
  const full = readRawTable(values.data);
  const raw = values.split ? part(full, values.split) : full;
  const hide = values.hide === undefined ? 0 : Number(values.hide);
  if (!(hide >= 0 && hide < 1))
    throw new TrainerUsageError(`--hide must be a fraction in [0, 1), got "${values.hide}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  const target = values.target;
  const tv = target === undefined ? undefined : model.variables.find((v) => v.name === target);
  if (target !== undefined && (tv === undefined || tv.type === "gaussian"))
    throw new TrainerUsageError(`--target must name a discrete variable of ${folder}, got "${target}"`);
  const absent = model.variables.filter((v) => !raw.header.includes(v.name)).map((v) => v.name);
  let rows = toEvidence(model, raw);
  const features = model.variables.map((v) => v.name).filter((n) => n !== target);
  if (hide > 0) rows = hideFeatures(rows, features, hide, seed);
  let total = 0;
  for (let i = 0; i < rows.length; i += MAX_BATCH_ROWS)
    for (const a of spnLogProb(model, rows.slice(i, i + MAX_BATCH_ROWS))) total += a.logProb;
  const missingRows = rows.filter((r) => Object.keys(r).length < model.variables.length).length;
  const out: Record<string, unknown> = {
    model: loaded.manifest.name,
    data: values.data,
    split: values.split ?? null,
    rows: rows.length,
    rowsWithMissing: missingRows,
    hiddenFraction: hide,
    logLikelihood: total / rows.length,
  };
  if (absent.length > 0) out.absentVariables = absent;
  if (tv !== undefined && target !== undefined) {
    const labelled = rows.filter((r) => r[target] !== undefined);
    const K = tv.states.length;
    const probs = new Float64Array(labelled.length * K);
    const labels = labelled.map((r) => tv.states.indexOf(String(r[target])));
    labelled.forEach((r, i) => {
      const { [target]: _, ...evidence } = r;
      const m = spnMarginals(model, evidence, [target]).marginals[0]!;
      if (m.type === "gaussian") return;
      tv.states.forEach((s, k) => (probs[i * K + k] = m.probabilities[s]!));
    });
    const metrics = calibrationMetrics(probs, labels, K);
    Object.assign(out, {
      target,
      labelledRows: labelled.length,
      accuracy: metrics.accuracy,
      nll: metrics.nll,
      ece: metrics.ece,
      brier: metrics.brier,
    });
  }
  if (values["baseline-train"]) {
    const train = values["baseline-train"]
      .split(",")
      .map((f) => (values.split && f === values.data ? part(full, "train") : readRawTable(f)));
    const cols = model.variables.map((v) => ({
      name: v.name,
      kind: v.type === "gaussian" ? ("gaussian" as const) : ("discrete" as const),
      states: v.states,
    }));
    const align = (t: RawTable): string[][] =>
      t.rows.map((row) => cols.map((c) => (t.header.includes(c.name) ? row[t.header.indexOf(c.name)]! : "")));
    const b = gaussianBaselines(cols, train.flatMap(align), align(raw));
    Object.assign(out, {
      baselineIndependentGaussian: b.independent,
      baselineFullCovarianceGaussian: b.fullCovariance,
      // > 0 when the pairwise-complete covariance was not one (cells missing in different rows).
      baselineFullCovarianceShrinkage: b.fullCovarianceShrinkage,
      baselineTrain: values["baseline-train"],
    });
    if (target !== undefined) {
      const a = gaussianClassifierAccuracy(cols, model.variables.indexOf(tv!), train.flatMap(align), align(raw));
      Object.assign(out, {
        baselineAccuracyNaiveBayes: a.naiveBayes,
        baselineAccuracyQda: a.qda,
        baselineAccuracyLda: a.lda,
      });
    }
  }
  return out;
}

async function main(): Promise<void> {
  try {
    process.stdout.write(`${JSON.stringify(await scoreModel(process.argv.slice(2)))}\n`);
  } catch (err) {
    if (err instanceof TrainerUsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`spn:score: ${(err as Error).message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(basename(process.argv[1]))) void main();
