import type { Rng } from "../numeric/rng.ts";
import { ensembleConditional, ensembleLogProb, ensembleMarginals, ensembleMpe, ensembleSample } from "./ensemble.ts";
import {
  emptyRow,
  formatValue,
  parseEvidenceBatch,
  parseEvidenceRow,
  parseQueryAndEvidence,
  parseVariableList,
} from "./evidence.ts";
import type { SpnModel } from "./load.ts";
import type { Uncertainty } from "./spread.ts";

/**
 * The query API by variable name, for HTTP handlers: values are state names (or indices) and
 * numbers in, state names and numbers out; every answer is the posterior mean over the model's
 * members with its spread (`uncertainty`, null for a single member). Errors are CoreErrors whose
 * pointers start with the prefixes passed in (defaults shown).
 */
export type Assignment = Record<string, string | number>;

export interface LogProbAnswer {
  logProb: number;
  uncertainty: Uncertainty | null;
}

export interface ConditionalAnswer {
  prob: number;
  logProb: number;
  uncertainty: Uncertainty | null;
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

export interface MpeAnswer {
  assignment: Assignment;
  logProb: number;
  exact: boolean;
  uncertainty: Uncertainty | null;
}

/** log p(row) for each row (at most MAX_BATCH_ROWS); absent variables are marginalised. */
export function spnLogProb(model: SpnModel, rows: readonly unknown[], pointer = "/rows"): LogProbAnswer[] {
  return ensembleLogProb(model.spn, parseEvidenceBatch(model.spn, rows, pointer));
}

/** p(query | evidence), averaged over members. */
export function spnConditional(
  model: SpnModel,
  query: unknown,
  evidence: unknown,
  pointers = { query: "/query", evidence: "/evidence" },
): ConditionalAnswer {
  const parsed = parseQueryAndEvidence(model.spn, query, evidence, pointers.query, pointers.evidence);
  return ensembleConditional(model.spn, parsed.query, parsed.evidence, pointers.evidence);
}

/** p(X | evidence) for each listed variable (all by default), in one upward + one downward pass per member. */
export function spnMarginals(
  model: SpnModel,
  evidence: unknown,
  variables?: readonly string[],
  pointers = { evidence: "/evidence", variables: "/variables" },
): MarginalAnswer[] {
  const { spn } = model;
  const row = parseEvidenceRow(spn, evidence, pointers.evidence);
  const list = variables === undefined ? undefined : parseVariableList(spn, variables, pointers.variables);
  return ensembleMarginals(spn, row, list, pointers.evidence).map((m): MarginalAnswer => {
    const { name, type, states } = spn.variables[m.variable]!;
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
  });
}

/** Most probable completion of the evidence (exact only for one selective member). */
export function spnMpe(model: SpnModel, evidence: unknown, pointer = "/evidence"): MpeAnswer {
  const row = parseEvidenceRow(model.spn, evidence, pointer);
  const { assignment, ...rest } = ensembleMpe(model.spn, row, pointer);
  return { assignment: toAssignment(model, assignment, 0), ...rest };
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

function toAssignment(model: SpnModel, values: Float64Array, offset: number): Assignment {
  return Object.fromEntries(model.variables.map((v, i) => [v.name, formatValue(model.spn, i, values[offset + i]!)]));
}
