import { InvalidInputError } from "../errors.ts";
import { checkCap, MAX_BATCH_ROWS } from "./caps.ts";
import type { CompiledSpn } from "./compiled-spn.ts";
import {
  escapePointerToken,
  QueryEvidenceOverlapError,
  UnknownStateError,
  UnknownVariableError,
  WrongValueTypeError,
} from "./errors.ts";

/**
 * Evidence in the core's layout: variable-major, values[v * rowCount + r]; a discrete value is its
 * state index, a gaussian value the number itself; NaN means "absent, marginalise". A single row
 * is a batch with rowCount 1, i.e. a Float64Array of length variables.length.
 */
export interface EvidenceBatch {
  readonly rowCount: number;
  readonly values: Float64Array;
}

/** A row's values by variable name: state name or index for discrete variables, number for gaussians. */
export type EvidenceRow = Readonly<Record<string, unknown>>;

/** One row with every variable absent. */
export function emptyRow(spn: CompiledSpn): Float64Array {
  return new Float64Array(spn.variables.length).fill(NaN);
}

export function singleRow(values: Float64Array): EvidenceBatch {
  return { rowCount: 1, values };
}

/** Parses `row`; errors point at `${pointer}/<variable>` (RFC 6901). */
export function parseEvidenceRow(spn: CompiledSpn, row: unknown, pointer: string): Float64Array {
  const out = emptyRow(spn);
  writeRow(spn, row, pointer, out, 0, 1);
  return out;
}

/** Parses rows[i] with pointers `${pointer}/${i}/<variable>`; at most MAX_BATCH_ROWS rows. */
export function parseEvidenceBatch(spn: CompiledSpn, rows: readonly unknown[], pointer: string): EvidenceBatch {
  checkCap(pointer, "MAX_BATCH_ROWS (evidence rows per request)", MAX_BATCH_ROWS, rows.length);
  const values = new Float64Array(spn.variables.length * rows.length).fill(NaN);
  rows.forEach((row, r) => writeRow(spn, row, `${pointer}/${r}`, values, r, rows.length));
  return { rowCount: rows.length, values };
}

/** Parses a conditional query and its evidence; a variable in both is an error at the query's pointer. */
export function parseQueryAndEvidence(
  spn: CompiledSpn,
  query: unknown,
  evidence: unknown,
  queryPointer: string,
  evidencePointer: string,
): { query: Float64Array; evidence: Float64Array } {
  const q = parseEvidenceRow(spn, query, queryPointer);
  const e = parseEvidenceRow(spn, evidence, evidencePointer);
  for (let v = 0; v < q.length; v++) {
    if (!Number.isNaN(q[v]!) && !Number.isNaN(e[v]!)) {
      const name = spn.variables[v]!.name;
      throw new QueryEvidenceOverlapError(`${queryPointer}/${escapePointerToken(name)}`, name);
    }
  }
  return { query: q, evidence: e };
}

/** Variable names to indices, for a `variables` list; errors point at `${pointer}/${i}`. */
export function parseVariableList(spn: CompiledSpn, names: readonly string[], pointer: string): number[] {
  return names.map((name, i) => {
    const v = spn.variableIndex.get(name);
    if (v === undefined) throw new UnknownVariableError(`${pointer}/${i}`, name);
    return v;
  });
}

/** The value of variable v as the API shows it: a state name, or the number for a gaussian. */
export function formatValue(spn: CompiledSpn, v: number, value: number): string | number {
  const states = spn.variables[v]!.states;
  return states.length === 0 ? value : states[value]!;
}

function writeRow(spn: CompiledSpn, row: unknown, pointer: string, out: Float64Array, r: number, stride: number): void {
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    throw new InvalidInputError(pointer, "an evidence row must be an object mapping variable names to values");
  }
  for (const [name, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const at = `${pointer}/${escapePointerToken(name)}`;
    const v = spn.variableIndex.get(name);
    if (v === undefined) throw new UnknownVariableError(at, name);
    out[v * stride + r] = parseValue(spn, v, value, at);
  }
}

function parseValue(spn: CompiledSpn, v: number, value: unknown, pointer: string): number {
  const { name, states } = spn.variables[v]!;
  if (states.length === 0) {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    throw new WrongValueTypeError(pointer, name, "a finite number");
  }
  if (typeof value === "string") {
    const index = states.indexOf(value);
    if (index < 0) throw new UnknownStateError(pointer, name, value, states);
    return index;
  }
  if (typeof value === "number" && Number.isInteger(value)) {
    if (value < 0 || value >= states.length) throw new UnknownStateError(pointer, name, value, states);
    return value;
  }
  throw new WrongValueTypeError(pointer, name, `a state name or an integer state index 0..${states.length - 1}`);
}
