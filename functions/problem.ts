import type { Context } from "hono";
import type { FieldIssue } from "../shared/errors.ts";
import { PROBLEMS, problemType, type ProblemCode } from "./problem-table.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: FieldIssue[];
}

/** Renders an RFC 9457 problem+json response for a known code. */
export function problemResponse(
  c: Context,
  code: ProblemCode,
  detail: string,
  errors: readonly FieldIssue[] = [],
  headers: Record<string, string> = {},
): Response {
  const { status, title } = PROBLEMS[code];
  const body: ProblemBody = {
    type: problemType(code),
    title,
    status,
    detail,
    code,
    instance: new URL(c.req.url).pathname,
    requestId: c.get("requestId"),
  };
  if (errors.length > 0) body.errors = [...errors];
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}
