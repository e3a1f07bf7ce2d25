import { ensembleMpe } from "./ensemble.ts";
import { type AnswerRows, type EnsembleMarginal, ensembleMarginalRows } from "./ensemble-marginals.ts";
import { type EvidenceBatch, formatValue, parseVariableList } from "./evidence.ts";
import type { SpnModel } from "./load.ts";
import type { Assignment, MarginalAnswer, MarginalsAnswer, MpeAnswer } from "./queries.ts";

/** Core answers (indices, typed arrays) turned into the query API's names, for single and batch queries. */
export function mpeOf(model: SpnModel, batch: EvidenceBatch, pointer: (r: number) => string): MpeAnswer[] {
  return ensembleMpe(model.spn, batch, pointer).map(({ assignment, ...rest }) => ({
    assignment: toAssignment(model, assignment, 0),
    ...rest,
  }));
}

/** Named marginals of every row, computed now; each row's named objects are built when it is read. */
export function marginalsOf(
  model: SpnModel,
  batch: EvidenceBatch,
  variables: readonly string[] | undefined,
  variablesPointer: string,
  evidencePointer: (r: number) => string,
): AnswerRows<MarginalsAnswer> {
  const list = variables === undefined ? undefined : parseVariableList(model.spn, variables, variablesPointer);
  const rows = ensembleMarginalRows(model.spn, batch, list, evidencePointer);
  return {
    length: rows.length,
    row(r) {
      const { marginals, parameterUncertainty } = rows.row(r);
      return { marginals: marginals.map((m) => named(model, m)), parameterUncertainty };
    },
  };
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

export function toAssignment(model: SpnModel, values: Float64Array, offset: number): Assignment {
  return Object.fromEntries(model.variables.map((v, i) => [v.name, formatValue(model.spn, i, values[offset + i]!)]));
}
