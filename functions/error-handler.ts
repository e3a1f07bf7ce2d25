import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { CoreError, type FieldIssue } from "../shared/errors.ts";
import type { AppEnv } from "./env.ts";
import { problemResponse } from "./problem.ts";

/** Turns anything thrown by a handler into problem+json; internals never reach the client. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof CoreError) return problemResponse(c, err.code, err.message, err.issues);
  if (err instanceof HTTPException) {
    // Hono's JSON validator throws 400 on a body that does not parse.
    if (err.status === 400) return problemResponse(c, "malformed-json", "the request body is not valid JSON");
    if (err.status === 413) return problemResponse(c, "payload-too-large", err.message);
    if (err.status === 415) return problemResponse(c, "unsupported-media-type", err.message);
  }
  console.error(
    JSON.stringify({
      level: "error",
      requestId: c.get("requestId"),
      error: err.name,
      message: err.message,
      stack: err.stack,
    }),
  );
  return problemResponse(c, "internal-error", `an unexpected error occurred; quote request id ${c.get("requestId")}`);
}

/** RFC 6901 pointer for a zod issue path inside a request part. */
function pointerOf(target: string, path: readonly PropertyKey[]): string {
  const escaped = path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1"));
  const prefix = target === "json" || target === "form" ? "" : `/${target}`;
  // The whole body is the empty pointer (RFC 6901), as the core's errors write it.
  if (escaped.length === 0) return prefix;
  return `${prefix}/${escaped.join("/")}`;
}

type Issue = ZodError["issues"][number];

/**
 * Flattens zod issues; for a union, reports the branch that got furthest into the value
 * (the deepest path), which is what the caller most likely meant.
 */
interface FlatIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

/** zod's own message for a union; anything else was written for the schema and says more. */
const DEFAULT_UNION_MESSAGE = "Invalid input";

/** A branch that failed because its defining field is absent, not because a value was wrong. */
const missesAField = (branch: FlatIssue[], depth: number) =>
  branch.some(
    (i) => i.code === "invalid_type" && i.path.length === depth + 1 && i.message.endsWith("received undefined"),
  );

function flatten(issue: Issue, prefix: readonly PropertyKey[]): FlatIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    const branches = issue.errors.map((branch) => branch.flatMap((i) => flatten(i, path)));
    // An exclusive union ("exactly one of …"): when several branches matched, or the body has
    // none of the alternatives, its own message is the clear one.
    const present = branches.filter((b) => !missesAField(b, path.length));
    const custom = issue.message !== DEFAULT_UNION_MESSAGE;
    if (custom && present.length === 0) return [{ path, message: issue.message, code: issue.code }];
    const candidates = custom ? present : branches;
    if (candidates.length > 0) {
      const depth = (b: FlatIssue[]) => Math.max(...b.map((i) => i.path.length));
      return candidates.reduce((best, b) => (depth(b) > depth(best) ? b : best));
    }
  }
  return [{ path, message: issue.message, code: issue.code }];
}

const flatIssues = (error: ZodError) => error.issues.flatMap((issue) => flatten(issue, []));

export function zodIssues(target: string, error: ZodError): FieldIssue[] {
  return flatIssues(error).map((i) => ({ pointer: pointerOf(target, i.path), detail: i.message }));
}

/** OpenAPIHono defaultHook: every schema violation becomes one 422 with pointers. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const errors = zodIssues(result.target, result.error);
  const detail =
    errors.length === 1 ? `${errors[0]!.pointer}: ${errors[0]!.detail}` : `${errors.length} fields are invalid`;
  // Schema maxima are the documented caps (batch sizes, sample counts): say so in the code.
  const overCap = flatIssues(result.error).every((i) => i.code === "too_big");
  return problemResponse(c, overCap ? "cap-exceeded" : "validation-failed", detail, errors);
}
