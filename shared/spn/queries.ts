import type { Rng } from "../numeric/rng.ts";
import { ensembleConditional, ensembleLogProb, ensembleMarginals, ensembleMpe, ensembleSample, type EnsembleMarginal } from "./ensemble.ts";
import { escapePointerToken, QueryEvidenceOverlapError } from "./errors.ts";
import {
  emptyRow,
  type EvidenceBatch,
  formatValue,
  parseEvidenceBatch,
  parseEvidenceRow,
  parseQueryAndEvidence,
  parseVariableList,
  singleRow,
} from "./evidence.ts";
import type { SpnModel } from "./load.ts";
import type { Uncertainty } from "./spread.ts";

/**
 * The query API by variable name, for HTTP handlers: values are state names (or indices) and
 * numbers in, state names and numbers out. Every answer is the posterior predictive's (the mixture
 * of the members, each weighted by how well it explains the evidence); `uncertainty` is its
 * epistemic spread (null with a single parameter set) and `parameterUncertainty` says whether that
 * spread includes posterior parameter draws (ensemble.ts). The *Batch forms take evidence rows
 * (at most MAX_BATCH_ROWS) and answer each in batched passes. Errors are CoreErrors whose pointers
 * start with the prefixes passed in (defaults shown).
 */
export type Assignment = Record<string, string | number>;

interface Spread {
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

/** p(query | e_r) for each evidence row; a row naming a query variable is an error at that row. */
export function spnConditionalBatch(
  model: SpnModel,
  query: unknown,
  rows: readonly unknown[],
  pointers = { query: "/query", evidence: "/evidenceBatch" },
): ConditionalAnswer[] {
  const { spn } = model;
  const q = parseEvidenceRow(spn, query, pointers.query);
  const batch = parseEvidenceBatch(spn, rows, pointers.evidence);
  for (let v = 0; v < q.length; v++) {
    if (Number.isNaN(q[v]!)) continue;
    for (let r = 0; r < batch.rowCount; r++) {
      if (Number.isNaN(batch.values[v * batch.rowCount + r]!)) continue;
      const name = spn.variables[v]!.name;
      throw new QueryEvidenceOverlapError(`${pointers.evidence}/${r}/${escapePointerToken(name)}`, name);
    }
  }
  return ensembleConditional(spn, q, batch, (r) => `${pointers.evidence}/${r}`);
}

/** p(X | evidence) for each listed variable (all by default), from one upward + one downward pass per parameter set. */
export function spnMarginals(
  model: SpnModel,
  evidence: unknown,
  variables?: readonly string[],
  pointers = { evidence: "/evidence", variables: "/variables" },
): MarginalsAnswer {
  const row = parseEvidenceRow(model.spn, evidence, pointers.evidence);
  return marginalsOf(model, singleRow(row), variables, pointers.variables, () => pointers.evidence)[0]!;
}

/** spnMarginals for each evidence row, in batched passes. */
export function spnMarginalsBatch(
  model: SpnModel,
  rows: readonly unknown[],
  variables?: readonly string[],
  pointers = { evidence: "/evidenceBatch", variables: "/variables" },
): MarginalsAnswer[] {
  const batch = parseEvidenceBatch(model.spn, rows, pointers.evidence);
  return marginalsOf(model, batch, variables, pointers.variables, (r) => `${pointers.evidence}/${r}`);
}

/** Most probable completion of the evidence under the mixture; `exact` says whether it is proven. */
export function spnMpe(model: SpnModel, evidence: unknown, pointer = "/evidence"): MpeAnswer {
  const row = parseEvidenceRow(model.spn, evidence, pointer);
  return mpeOf(model, singleRow(row), () => pointer)[0]!;
}

/** spnMpe for each evidence row. */
export function spnMpeBatch(model: SpnModel, rows: readonly unknown[], pointer = "/evidenceBatch"): MpeAnswer[] {
  return mpeOf(model, parseEvidenceBatch(model.spn, rows, pointer), (r) => `${pointer}/${r}`);
}

/** n draws (at most MAX_SAMPLES) from p(x | evidence); the rng comes first and decides everything. */
export function spnSample(
  rng: Rng,
  model: SpnModel,
  n: number,
  evidence?: unknown,
  pointers = { n: "/n", evidence: "/evidence" },
): Assignment[] {
  const { spn } = model;
  const row = evidence === undefined ? emptyRow(spn) : parseEvidenceRow(spn, evidence, pointers.evidence);
  const draws = ensembleSample(rng, spn, n, row, pointers);
  return Array.from({ length: n }, (_, i) => toAssignment(model, draws, i * spn.variables.length));
}

function mpeOf(model: SpnModel, batch: EvidenceBatch, pointer: (r: number) => string): MpeAnswer[] {
  return ensembleMpe(model.spn, batch, pointer).map(({ assignment, ...rest }) => ({ assignment: toAssignment(model, assignment, 0), ...rest }));
}

function marginalsOf(
  model: SpnModel,
  batch: EvidenceBatch,
  variables: readonly string[] | undefined,
  variablesPointer: string,
  evidencePointer: (r: number) => string,
): MarginalsAnswer[] {
  const { spn } = model;
  const list = variables === undefined ? undefined : parseVariableList(spn, variables, variablesPointer);
  return ensembleMarginals(spn, batch, list, evidencePointer).map(({ marginals, parameterUncertainty }) => ({
    marginals: marginals.map((m) => named(model, m)),
    parameterUncertainty,
  }));
}

function named(model: SpnModel, m: EnsembleMarginal): MarginalAnswer {
  const { name, type, states } = model.spn.variables[m.variable]!;
  if (m.kind === "gaussian") {
    const { observed, mean, variance, uncertainty } = m;
    return { variable: name, type: "gaussian", observed, mean, variance, uncertainty };
  }
  const byState = <T>(f: (s: number) => T): Record<string, T> => Object.fromEntries(states.map((st, s) => [st, f(s)]));
  return {
    variable: name,
    type: type === "bernoulli" ? "bernoulli" : "categorical",
    observed: m.observed,
    probabilities: byState((s) => m.probabilities[s]!),
    uncertainty: m.uncertainty === null ? null : byState((s) => m.uncertainty![s]!),
  };
}

function toAssignment(model: SpnModel, values: Float64Array, offset: number): Assignment {
  return Object.fromEntries(model.variables.map((v, i) => [v.name, formatValue(model.spn, i, values[offset + i]!)]));
}
