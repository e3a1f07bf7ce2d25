import { CoreError } from "../errors.ts";

/**
 * Query errors of the SPN core. Each is a CoreError with a stable code from shared/errors.ts and
 * one issue whose RFC 6901 pointer the caller chose (e.g. "/evidence/age").
 */
export class UnknownVariableError extends CoreError {
  constructor(pointer: string, variable: string) {
    const detail = `no variable named "${variable}"`;
    super("unknown-variable", detail, [{ pointer, detail }]);
  }
}

export class UnknownStateError extends CoreError {
  constructor(pointer: string, variable: string, value: string | number, states: readonly string[]) {
    const shown = typeof value === "number" ? `index ${value}` : `"${value}"`;
    const detail =
      `variable "${variable}" has no state ${shown}; states are ` +
      `${states.map((s) => `"${s}"`).join(", ")} (or indices 0..${states.length - 1})`;
    super("unknown-state", detail, [{ pointer, detail }]);
  }
}

export class WrongValueTypeError extends CoreError {
  constructor(pointer: string, variable: string, expected: string) {
    const detail = `variable "${variable}" expects ${expected}`;
    super("wrong-value-type", detail, [{ pointer, detail }]);
  }
}

export class QueryEvidenceOverlapError extends CoreError {
  constructor(pointer: string, variable: string) {
    const detail = `variable "${variable}" is in both the query and the evidence`;
    super("query-evidence-overlap", detail, [{ pointer, detail }]);
  }
}

export class ZeroProbabilityEvidenceError extends CoreError {
  constructor(pointer: string, what = "the evidence has probability zero under the model") {
    super("zero-probability-evidence", what, [{ pointer, detail: what }]);
  }
}

/** RFC 6901 reference token: "~" -> "~0", "/" -> "~1". */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
