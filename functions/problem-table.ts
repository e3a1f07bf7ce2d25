import type { ErrorCode } from "../shared/errors.ts";

/** Problems raised by the HTTP layer itself, beside the core's error codes. */
export type HttpProblemCode =
  | "malformed-json"
  | "unauthorized"
  | "not-found"
  | "method-not-allowed"
  | "unsupported-media-type"
  | "validation-failed"
  | "rate-limited"
  | "internal-error";

export type ProblemCode = ErrorCode | HttpProblemCode;

interface ProblemKind {
  status: number;
  title: string;
}

/** The one table that maps every error code to an HTTP status and title (RFC 9457). */
export const PROBLEMS = {
  "malformed-json": { status: 400, title: "Malformed JSON" },
  unauthorized: { status: 401, title: "Missing or invalid API key" },
  "not-found": { status: 404, title: "Not found" },
  "unknown-model": { status: 404, title: "Unknown model" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  "payload-too-large": { status: 413, title: "Request body too large" },
  "image-too-large": { status: 413, title: "Image too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "unsupported-transfer-syntax": { status: 415, title: "Unsupported DICOM transfer syntax or codec" },
  "validation-failed": { status: 422, title: "Request does not match the schema" },
  "invalid-input": { status: 422, title: "Invalid input" },
  "cap-exceeded": { status: 422, title: "Request exceeds a cap" },
  "unknown-variable": { status: 422, title: "Unknown variable" },
  "unknown-state": { status: 422, title: "Unknown state" },
  "wrong-value-type": { status: 422, title: "Value of the wrong type" },
  "query-evidence-overlap": { status: 422, title: "Variable in both query and evidence" },
  "zero-probability-evidence": { status: 422, title: "Evidence has probability zero" },
  "invalid-probabilities": { status: 422, title: "Invalid probabilities" },
  "not-an-image": { status: 422, title: "Not an image" },
  "corrupt-image": { status: 422, title: "Corrupt or truncated image" },
  "unsupported-image": { status: 422, title: "Unsupported image encoding" },
  "mask-size-mismatch": { status: 422, title: "Mask size differs from the image" },
  "no-room-for-lesion": { status: 422, title: "No room for the lesion" },
  "rate-limited": { status: 429, title: "Too many requests" },
  "invalid-artifact": { status: 503, title: "Model artifact is invalid" },
  "artifact-integrity": { status: 503, title: "Model artifact failed its integrity check" },
  "model-unavailable": { status: 503, title: "Model unavailable" },
  "internal-error": { status: 500, title: "Internal server error" },
} as const satisfies Record<ProblemCode, ProblemKind>;

/** Problem type URIs are stable relative references; the docs page explains each. */
export function problemType(code: ProblemCode): string {
  return `/docs#problem-${code}`;
}
