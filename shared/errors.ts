/**
 * Typed errors thrown by the core. The core never knows HTTP: each error carries a stable
 * `code`, and one table in functions/ maps codes to status and title (problem+json).
 * Add a code here and its row in functions/problem-table.ts; tsc fails until both exist.
 */
export const ERROR_CODES = [
  // request shape and values
  "invalid-input",
  "cap-exceeded",
  "unknown-model",
  "payload-too-large",
  // probabilistic queries
  "unknown-variable",
  "unknown-state",
  "wrong-value-type",
  "query-evidence-overlap",
  "zero-probability-evidence",
  "invalid-probabilities",
  // images and lesions
  "not-an-image",
  "corrupt-image",
  "unsupported-image",
  "unsupported-transfer-syntax",
  "image-too-large",
  "mask-size-mismatch",
  "no-room-for-lesion",
  // artifacts and runtimes
  "invalid-artifact",
  "artifact-integrity",
  "model-unavailable",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One offending field, addressed by an RFC 6901 JSON pointer into the request. */
export interface FieldIssue {
  pointer: string;
  detail: string;
}

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad value in the request; `pointer` says where. */
export class InvalidInputError extends CoreError {
  constructor(pointer: string, detail: string) {
    super("invalid-input", detail, [{ pointer, detail }]);
  }
}

/** A count, size or length above a documented cap; the message names the cap. */
export class CapExceededError extends CoreError {
  constructor(pointer: string, cap: string, limit: number, actual: number) {
    const detail = `${cap} is ${limit}; got ${actual}`;
    super("cap-exceeded", detail, [{ pointer, detail }]);
  }
}

export class UnknownModelError extends CoreError {
  constructor(name: string, kind?: string) {
    super("unknown-model", `no ${kind ? `${kind} ` : ""}model named "${name}"`);
  }
}

/** The artifact itself is malformed (schema, normalisation, SPN validity). */
export class InvalidArtifactError extends CoreError {
  constructor(model: string, detail: string) {
    super("invalid-artifact", `model "${model}" is invalid: ${detail}`);
  }
}

/** A model file is missing or its bytes do not match the manifest's sha256. */
export class ArtifactIntegrityError extends CoreError {
  constructor(model: string, file: string, detail: string) {
    super("artifact-integrity", `model "${model}": file "${file}" ${detail}`);
  }
}

/** The model exists but its runtime could not run it (e.g. an ONNX session failure). */
export class ModelUnavailableError extends CoreError {
  constructor(model: string, detail: string) {
    super("model-unavailable", `model "${model}" is unavailable: ${detail}`);
  }
}
