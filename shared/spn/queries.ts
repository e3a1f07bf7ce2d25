import type { Rng } from "../numeric/rng.ts";
import { marginalsOf, mpeOf, toAssignment } from "./answers-by-name.ts";
import { ensembleConditional, ensembleLogProb, ensembleSample } from "./ensemble.ts";
import { emptyRow, parseEvidenceBatch, parseEvidenceRow, parseQueryAndEvidence, singleRow } from "./evidence.ts";
import type { SpnModel } from "./load.ts";
import type { Uncertainty } from "./spread.ts";

/**
 * The query API by variable name, for HTTP handlers: values are state names (or indices) and
 * numbers in, state names and numbers out. Every answer is the posterior predictive's (the mixture
 * of the members, each weighted by how well it explains the evidence); `uncertainty` is its
 * epistemic spread (null with a single parameter set) and `parameterUncertainty` says whether that
 * spread includes posterior parameter draws (ensemble.ts). The *Batch forms (queries-batch.ts)
 * take evidence rows (at most MAX_BATCH_ROWS) and answer each in batched passes. Errors are CoreErrors whose pointers
 * start with the prefixes passed in (defaults shown).
 */
export type Assignment = Record<string, string | number>;

export interface Spread {
  uncertainty: Uncertainty | null;
  parameterUncertainty: boolean;
}

export interface LogProbAnswer extends Spread {
  logProb: number;
}

export interface ConditionalAnswer extends Spread {
  prob: number;
  logProb: number;
}

export type MarginalAnswer =
  | {
      variable: string;
      type: "bernoulli" | "categorical";
      observed: boolean;
      probabilities: Record<string, number>;
      uncertainty: Record<string, Uncertainty> | null;
    }
  | {
      variable: string;
      type: "gaussian";
      observed: boolean;
      mean: number;
      variance: number;
      uncertainty: { mean: Uncertainty; variance: Uncertainty } | null;
    };

export interface MarginalsAnswer {
  marginals: MarginalAnswer[];
  parameterUncertainty: boolean;
}

export interface MpeAnswer extends Spread {
  assignment: Assignment;
  logProb: number;
  exact: boolean;
}

/** log p(row) for each row (at most MAX_BATCH_ROWS); absent variables are marginalised. */
export function spnLogProb(model: SpnModel, rows: readonly unknown[], pointer = "/rows"): LogProbAnswer[] {
  return ensembleLogProb(model.spn, parseEvidenceBatch(model.spn, rows, pointer));
}

/** p(query | evidence) of the posterior predictive. */
export function spnConditional(
  model: SpnModel,
  query: unknown,
  evidence: unknown,
  pointers = { query: "/query", evidence: "/evidence" },
): ConditionalAnswer {
  const parsed = parseQueryAndEvidence(model.spn, query, evidence, pointers.query, pointers.evidence);
  return ensembleConditional(model.spn, parsed.query, singleRow(parsed.evidence), () => pointers.evidence)[0]!;
}

/** p(X | evidence) for each listed variable (all by default), from one upward + one downward pass per parameter set. */
export function spnMarginals(
  model: SpnModel,
  evidence: unknown,
  variables?: readonly string[],
  pointers = { evidence: "/evidence", variables: "/variables" },
): MarginalsAnswer {
  const row = parseEvidenceRow(model.spn, evidence, pointers.evidence);
  return marginalsOf(model, singleRow(row), variables, pointers.variables, () => pointers.evidence).row(0);
}

/** Most probable completion of the evidence under the mixture; `exact` says whether it is proven. */
export function spnMpe(model: SpnModel, evidence: unknown, pointer = "/evidence"): MpeAnswer {
  const row = parseEvidenceRow(model.spn, evidence, pointer);
  return mpeOf(model, singleRow(row), () => pointer)[0]!;
}

/** n draws (at most MAX_SAMPLES) from p(x | evidence); the rng comes first and decides everything. */
export function spnSample(
  rng: Rng,
  model: SpnModel,
  n: number,
  evidence?: unknown,
  pointers = { n: "/n", evidence: "/evidence" },
): Assignment[] {
  const row = spnSampleRows(rng, model, n, evidence, pointers);
  return Array.from({ length: n }, (_, i) => row(i));
}

/**
 * spnSample's draws, each named only when asked for (draw i: row(i)), so that an answer of
 * MAX_SAMPLES rows can be written out without holding them all as objects. Every error is thrown here.
 */
export function spnSampleRows(
  rng: Rng,
  model: SpnModel,
  n: number,
  evidence?: unknown,
  pointers = { n: "/n", evidence: "/evidence" },
): (i: number) => Assignment {
  const { spn } = model;
  const row = evidence === undefined ? emptyRow(spn) : parseEvidenceRow(spn, evidence, pointers.evidence);
  const draws = ensembleSample(rng, spn, n, row, pointers);
  return (i) => toAssignment(model, draws, i * spn.variables.length);
}
