import type { z } from "zod";
import { InvalidArtifactError } from "../errors.ts";

const decoder = new TextDecoder();

/** The JSON Pointer (RFC 6901) of a schema issue's path: "/nodes/4/kind", "" for the whole document. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/**
 * One artifact file's JSON checked against its schema, the one way every loader reads JSON: bytes
 * or text are parsed (an already parsed value is taken as is), then the first schema issue becomes
 * an InvalidArtifactError `<file> <pointer>: <message>` naming the model (`<file>: <message>` when
 * the whole document is wrong).
 */
export function parseArtifactJson<S extends z.ZodType>(
  model: string,
  file: string,
  input: unknown,
  schema: S,
): z.infer<S> {
  let value = input;
  if (typeof input === "string" || input instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof input === "string" ? input : decoder.decode(input));
    } catch (error) {
      throw new InvalidArtifactError(model, `${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const pointer = jsonPointer(issue.path);
  throw new InvalidArtifactError(model, `${file}${pointer === "" ? "" : ` ${pointer}`}: ${issue.message}`);
}
