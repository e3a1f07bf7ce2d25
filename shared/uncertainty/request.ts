import { CapExceededError, InvalidInputError } from "../errors.ts";
import { packLogits, packProbabilities, uncertaintyScores, type UncertaintyScores } from "./scores.ts";

/** Caps of one uncertainty request: members per table, classes per member, tables per batch. */
export const MAX_MEMBERS = 1024;
export const MAX_CLASSES = 1024;
export const MAX_BATCH = 1024;

/** The domain rule both the HTTP schema and library callers follow. */
export const EXACTLY_ONE = 'send exactly one of "members" or "logits"';

type Table = readonly (readonly number[])[];
/** Members' probabilities or logits: one M × C table, or a batch of them. */
export type UncertaintyRequest = { members: Table | readonly Table[] } | { logits: Table | readonly Table[] };

/** The scores of one table as JSON (mean as a plain array). */
export type UncertaintyScoresJson = Omit<UncertaintyScores, "mean"> & { mean: number[] };

/**
 * Scores a request as /v1/uncertainty answers it: one table gives its scores, a batch gives
 * `results`, one per table. Errors are CoreErrors with JSON Pointers into the request
 * (`/members/0/1`, `/logits/2/0/1`). The caps and the one-of rule are checked here as well as in
 * the HTTP schema, so that library callers meet the same limits.
 */
export function scoreUncertaintyRequest(
  request: UncertaintyRequest,
): UncertaintyScoresJson | { results: UncertaintyScoresJson[] } {
  const hasMembers = "members" in request && request.members !== undefined;
  const hasLogits = "logits" in request && request.logits !== undefined;
  if (hasMembers === hasLogits) throw new InvalidInputError("", EXACTLY_ONE);
  const key = hasMembers ? "members" : "logits";
  const input = "members" in request ? request.members : request.logits;
  const pack = key === "members" ? packProbabilities : packLogits;
  const score = (table: Table, pointer: string): UncertaintyScoresJson => {
    checkTable(table, pointer);
    const s = uncertaintyScores(pack(table, pointer), table.length, table[0]!.length);
    return { ...s, mean: Array.from(s.mean) };
  };
  if (!Array.isArray(input[0]?.[0])) return score(input as Table, `/${key}`);
  const batch = input as readonly Table[];
  if (batch.length > MAX_BATCH)
    throw new CapExceededError(`/${key}`, "MAX_BATCH (tables per request)", MAX_BATCH, batch.length);
  return { results: batch.map((t, i) => score(t, `/${key}/${i}`)) };
}

function checkTable(table: Table, pointer: string): void {
  if (table.length === 0) throw new InvalidInputError(pointer, "needs at least one member");
  if (table.length > MAX_MEMBERS)
    throw new CapExceededError(pointer, "MAX_MEMBERS (members per table)", MAX_MEMBERS, table.length);
  const classes = table[0]!.length;
  if (classes < 2) throw new InvalidInputError(`${pointer}/0`, "needs at least two classes");
  if (classes > MAX_CLASSES)
    throw new CapExceededError(`${pointer}/0`, "MAX_CLASSES (classes per member)", MAX_CLASSES, classes);
}
