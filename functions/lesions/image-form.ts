import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { decodeBase64 } from "../../shared/encoding/base64.ts";
import { CoreError, InvalidInputError } from "../../shared/errors.ts";
import type { AppEnv } from "../env.ts";
import { zodIssues } from "../error-handler.ts";

/**
 * multipart/form-data for the image endpoints, derived from each endpoint's JSON body schema so
 * that the two descriptions cannot drift: the document's form schema is the body's with the
 * image fields as file parts, and a form is read back into the body's shape (numbers, booleans
 * and JSON parts parsed) and validated by the same schema, so one mistake gets one error code
 * whatever the content type.
 */
export interface ImageForm<S extends z.ZodObject> {
  schema: S;
  /** Image fields, sent as files (or base64 text): name → what the file may be. */
  files: Readonly<Record<string, string>>;
}

const FILE_PART = (description: string) => ({ type: "string", format: "binary", description });

/** The form's JSON Schema for the OpenAPI document. */
export function imageFormSchema<S extends z.ZodObject>(form: ImageForm<S>): Record<string, unknown> {
  const {
    $schema: _,
    properties,
    ...rest
  } = z.toJSONSchema(form.schema, { io: "input" }) as { $schema: string; properties: object };
  const files = Object.fromEntries(
    Object.entries(form.files).map(([name, description]) => [name, FILE_PART(description)]),
  );
  return { ...rest, properties: { ...properties, ...files } };
}

/** What a field's JSON Schema type says its form text becomes. */
function parseField(name: string, text: string, type: string | undefined): unknown {
  if (type === "number" || type === "integer") return text.trim() === "" ? text : Number(text);
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  if (type !== "array" && type !== "object") return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError(`/${name}`, "must be JSON");
  }
}

/** What a form needs per request, derived once per form (not per request): field types and the schema without the files. */
interface CompiledForm {
  types: Record<string, { type?: string }>;
  fields: z.ZodObject;
}
const compiled = new WeakMap<ImageForm<z.ZodObject>, CompiledForm>();

function compile(form: ImageForm<z.ZodObject>): CompiledForm {
  let c = compiled.get(form);
  if (!c) {
    const types = (z.toJSONSchema(form.schema, { io: "input" }) as { properties: Record<string, { type?: string }> })
      .properties;
    const fields = form.schema.omit(Object.fromEntries(Object.keys(form.files).map((k) => [k, true])) as never);
    c = { types, fields };
    compiled.set(form, c);
  }
  return c;
}

/** Reads a multipart body into the JSON body's shape (images as bytes) and validates it. */
export async function readImageForm<S extends z.ZodObject>(
  c: Context<AppEnv>,
  form: ImageForm<S>,
): Promise<{ data: z.infer<S>; files: Record<string, Uint8Array> }> {
  let body: FormData;
  try {
    body = await c.req.formData();
  } catch {
    throw new InvalidInputError("", "the multipart/form-data body could not be parsed");
  }
  const { types, fields: fieldSchema } = compile(form);
  const fields: Record<string, unknown> = {};
  const files: Record<string, Uint8Array> = {};
  for (const [name, value] of body.entries()) {
    if (name in form.files) {
      files[name] =
        typeof value === "string" ? decodeBase64(value, `/${name}`) : new Uint8Array(await value.arrayBuffer());
    } else {
      // A JSON field may come as a part with its own Content-Type, which FormData hands over as a File.
      fields[name] = parseField(name, typeof value === "string" ? value : await value.text(), types[name]?.type);
    }
  }
  const parsed = fieldSchema.safeParse(fields);
  if (!parsed.success) {
    const issues = zodIssues("form", parsed.error);
    throw new CoreError("invalid-input", `${issues[0]!.pointer}: ${issues[0]!.detail}`, issues);
  }
  return { data: parsed.data as z.infer<S>, files };
}
