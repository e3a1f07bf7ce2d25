import type { CompiledSpn } from "./compiled-spn.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { marginalLayout, marginalsEvaluator } from "./marginals-batch.ts";
import { drawSets, memberSets } from "./parameter-sets.ts";
import { column, type RowSets, summariseRows, weightedMean } from "./row-summaries.ts";
import type { Uncertainty } from "./spread.ts";
import { weightedSpread } from "./weighted-spread.ts";

export type EnsembleMarginal =
  | {
      variable: number;
      kind: "discrete";
      observed: boolean;
      /** p(X = state | e) of the mixture: Σ_s w_s p_s(X = state | e), w_s ∝ p_s(e). */
      probabilities: Float64Array;
      /** Per state: w-weighted spread over the parameter sets. */
      uncertainty: Uncertainty[] | null;
    }
  | {
      variable: number;
      kind: "gaussian";
      observed: boolean;
      /** Mean and variance of the mixture posterior Σ_s w_s p_s(X | e) (law of total variance). */
      mean: number;
      variance: number;
      /** Spread of the sets' means and of their variances. */
      uncertainty: { mean: Uncertainty; variance: Uncertainty } | null;
    };

export interface EnsembleMarginals {
  marginals: EnsembleMarginal[];
  parameterUncertainty: boolean;
}

/** Answers held as numbers and built into objects one row at a time (rows of a batch request). */
export interface AnswerRows<T> {
  readonly length: number;
  row(r: number): T;
}

/** Every row's answer as objects (the library form; a handler streams rows from ensembleMarginalRows). */
export function ensembleMarginals(
  spn: CompiledSpn,
  evidence: EvidenceBatch,
  variables: readonly number[] = spn.variables.map((_, v) => v),
  evidencePointer: (row: number) => string = () => "/evidence",
): EnsembleMarginals[] {
  const rows = ensembleMarginalRows(spn, evidence, variables, evidencePointer);
  return Array.from({ length: rows.length }, (_, r) => rows.row(r));
}

/** Per row: a spread was taken (more than one set), and it was taken over parameter draws. */
const HAS_SPREAD = 1;
const FROM_DRAWS = 2;

/**
 * Single-variable posteriors of the posterior-predictive mixture for every evidence row, by batched
 * upward and downward passes per parameter set (marginals-batch.ts). `variables` defaults to all.
 * Only evidence the mixture gives probability zero is an error. Every row is computed here (so
 * that errors come before any answer); each answer slot keeps four numbers (the mixture's value,
 * the sets' spread and 95 % interval), about 32 bytes, where its objects took 500-800 (12 MiB for
 * 16,000 marginals, the cap's worth); row(r) builds row r's objects when it is read.
 */
export function ensembleMarginalRows(
  spn: CompiledSpn,
  evidence: EvidenceBatch,
  variables: readonly number[] = spn.variables.map((_, v) => v),
  evidencePointer: (row: number) => string = () => "/evidence",
): AnswerRows<EnsembleMarginals> {
  const layout = marginalLayout(spn, variables);
  const evaluate = marginalsEvaluator(evidence, layout);
  const B = evidence.rowCount;
  const W = layout.width;
  const point = new Float64Array(B * W); // probabilities; a gaussian's mean and variance
  const spreads = new Float64Array(3 * B * W); // per slot: std, 2.5 % and 97.5 % over the sets
  const flags = new Uint8Array(B);
  const spreadInto = (r: number, row: RowSets): void => {
    for (let j = 0; j < W; j++) {
      const { std, interval95 } = weightedSpread(column(row, j), row.weights);
      spreads.set([std, interval95[0], interval95[1]], 3 * (r * W + j));
    }
  };
  summariseRows(memberSets(spn), B, W, evaluate, (r, row) => {
    if (row.logMeanWeight === -Infinity) throw new ZeroProbabilityEvidenceError(evidencePointer(r));
    mixtureValues(spn, layout.variables, layout.offset, row, point.subarray(r * W, (r + 1) * W));
    if (row.count > 1) spreadInto(r, row), (flags[r] = HAS_SPREAD);
  });
  const draws = drawSets(spn, B);
  if (draws !== null) {
    summariseRows(draws, B, W, evaluate, (r, row) => {
      if (row.logMeanWeight === -Infinity) return;
      flags[r] = FROM_DRAWS | (row.count > 1 ? HAS_SPREAD : 0);
      if (row.count > 1) spreadInto(r, row);
    });
  }
  const spreadAt = (r: number, j: number): Uncertainty => {
    const at = 3 * (r * W + j);
    return { std: spreads[at]!, interval95: [spreads[at + 1]!, spreads[at + 2]!] };
  };
  return {
    length: B,
    row(r) {
      const many = (flags[r]! & HAS_SPREAD) !== 0;
      const marginals = layout.variables.map((v, i): EnsembleMarginal => {
        const at = layout.offset[i]!;
        const observed = !Number.isNaN(evidence.values[v * B + r]!);
        const k = spn.stateCount[v]!;
        if (k > 0) {
          const probabilities = point.slice(r * W + at, r * W + at + k);
          const uncertainty = many ? Array.from({ length: k }, (_, s) => spreadAt(r, at + s)) : null;
          return { variable: v, kind: "discrete", observed, probabilities, uncertainty };
        }
        const [mean, variance] = [point[r * W + at]!, point[r * W + at + 1]!];
        const uncertainty = many ? { mean: spreadAt(r, at), variance: spreadAt(r, at + 1) } : null;
        return { variable: v, kind: "gaussian", observed, mean, variance, uncertainty };
      });
      return { marginals, parameterUncertainty: (flags[r]! & FROM_DRAWS) !== 0 };
    },
  };
}

/** The mixture's value of every slot: Σ_s w_s p_s(X = x | e); a gaussian's mean and (total) variance. */
function mixtureValues(
  spn: CompiledSpn,
  variables: readonly number[],
  offset: Int32Array,
  row: RowSets,
  out: Float64Array,
): void {
  variables.forEach((v, i) => {
    const at = offset[i]!;
    const k = spn.stateCount[v]!;
    if (k > 0) {
      for (let s = 0; s < k; s++) out[at + s] = weightedMean(row, at + s);
      return;
    }
    const mean = weightedMean(row, at);
    let variance = 0;
    for (let s = 0; s < row.count; s++) {
      if (row.weights[s]! > 0)
        variance += row.weights[s]! * (row.valueAt(s, at + 1) + (row.valueAt(s, at) - mean) ** 2);
    }
    out[at] = mean;
    out[at + 1] = variance;
  });
}
