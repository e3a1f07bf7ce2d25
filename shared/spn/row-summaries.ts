import type { CompiledSpn } from "./compiled-spn.ts";
import { type ParameterSets, SPREAD_VALUE_BUDGET } from "./parameter-sets.ts";

/**
 * Evaluates one parameter set on rows [r0, r0 + len) of the request: `width` answer values per row
 * into values[r * width + j] and log p(e_r) (the row's posterior weight, up to a constant) into
 * logWeight[r]. A row with p(e_r) = 0 under this set may leave its values undefined (NaN).
 */
export type SetEvaluator = (
  spn: CompiledSpn,
  memberIndex: number,
  r0: number,
  len: number,
  values: Float64Array,
  logWeight: Float64Array,
) => void;

/**
 * What a row's answer is made of: the parameter sets' values (valueAt(set, j)) and their
 * normalised weights w_set ∝ p_set(e) (zero where p_set(e) = 0); logMeanWeight = log of the mean
 * of exp(logWeight) over the sets (for members: log of the mixture's p(e)).
 */
export interface RowSets {
  readonly count: number;
  readonly weights: Float64Array;
  readonly logMeanWeight: number;
  valueAt(set: number, j: number): number;
}

/**
 * Runs `evaluate` for every set on chunks of rows (as many as keep sets x chunk x width within
 * SPREAD_VALUE_BUDGET doubles; streamed draws are re-drawn per chunk, identically) and hands each
 * row's RowSets to `onRow`, in row order.
 */
export function summariseRows(
  sets: ParameterSets,
  rowCount: number,
  width: number,
  evaluate: SetEvaluator,
  onRow: (row: number, sets: RowSets) => void,
): void {
  const n = sets.count;
  const chunk = Math.max(1, Math.min(rowCount, Math.floor(SPREAD_VALUE_BUDGET / (n * width))));
  const values = new Float64Array(n * chunk * width);
  const logWeight = new Float64Array(n * chunk);
  const weights = new Float64Array(n);
  let at = 0; // row within the chunk, read by valueAt
  const row: RowSets = {
    count: n,
    weights,
    logMeanWeight: 0,
    valueAt: (set, j) => values[(set * chunk + at) * width + j]!,
  };
  const mutable = row as { logMeanWeight: number };
  for (let r0 = 0; r0 < rowCount; r0 += chunk) {
    const len = Math.min(chunk, rowCount - r0);
    sets.forEach((spn, m, set) => {
      evaluate(
        spn,
        m,
        r0,
        len,
        values.subarray(set * chunk * width, (set * chunk + len) * width),
        logWeight.subarray(set * chunk, set * chunk + len),
      );
    });
    for (at = 0; at < len; at++) {
      let max = -Infinity;
      for (let s = 0; s < n; s++) max = Math.max(max, logWeight[s * chunk + at]!);
      let total = 0;
      for (let s = 0; s < n; s++) {
        weights[s] = max === -Infinity ? 0 : Math.exp(logWeight[s * chunk + at]! - max);
        total += weights[s]!;
      }
      for (let s = 0; s < n; s++) weights[s] = total > 0 ? weights[s]! / total : 0;
      mutable.logMeanWeight = max === -Infinity ? -Infinity : max + Math.log(total / n);
      onRow(r0 + at, row);
    }
  }
}

/** Σ_set w_set valueAt(set, j), skipping zero weights (whose values may be NaN). */
export function weightedMean(row: RowSets, j: number): number {
  let acc = 0;
  for (let s = 0; s < row.count; s++) if (row.weights[s]! > 0) acc += row.weights[s]! * row.valueAt(s, j);
  return acc;
}

/** The column j over the sets, for a spread. */
export function column(row: RowSets, j: number, out = new Float64Array(row.count)): Float64Array {
  for (let s = 0; s < row.count; s++) out[s] = row.valueAt(s, j);
  return out;
}
