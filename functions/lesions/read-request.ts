import type { Context } from "hono";
import { decodeBase64 } from "../../shared/encoding/base64.ts";
import { CoreError, InvalidInputError } from "../../shared/errors.ts";
import type { AppEnv } from "../env.ts";
import { zodIssues } from "../error-handler.ts";
import { SimulateRequest } from "./schemas.ts";

export interface SimulateInput {
  options: SimulateRequest;
  imageBytes?: Uint8Array;
  maskBytes?: Uint8Array;
}

const FILE_FIELDS = new Set(["image", "mask"]);
const JSON_FIELDS = new Set(["theta", "params", "attenuation"]);
const NUMBER_FIELDS = new Set(["seed", "count", "size", "frame"]);

/** A form field's text as the JSON body would carry it (numbers and JSON-valued fields parsed). */
function formValue(name: string, text: string): unknown {
  if (NUMBER_FIELDS.has(name)) return text.trim() === "" ? text : Number(text);
  if (!JSON_FIELDS.has(name)) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError(`/${name}`, "must be JSON");
  }
}

async function readForm(c: Context<AppEnv>): Promise<SimulateInput> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new InvalidInputError("", "the multipart/form-data body could not be parsed");
  }
  const fields: Record<string, unknown> = {};
  const files: Record<string, Uint8Array> = {};
  for (const [name, value] of form.entries()) {
    if (FILE_FIELDS.has(name)) {
      files[name] = typeof value === "string" ? decodeBase64(value, `/${name}`) : new Uint8Array(await value.arrayBuffer());
    } else {
      // A client may send a JSON field as a part with its own Content-Type (the document's
      // encoding says application/json), which FormData hands over as a File.
      fields[name] = formValue(name, typeof value === "string" ? value : await value.text());
    }
  }
  const parsed = SimulateRequest.safeParse(fields);
  if (!parsed.success) {
    const [first] = zodIssues("form", parsed.error);
    throw new CoreError("invalid-input", `${first!.pointer}: ${first!.detail}`, zodIssues("form", parsed.error));
  }
  const input: SimulateInput = { options: parsed.data };
  if (files.image) input.imageBytes = files.image;
  if (files.mask) input.maskBytes = files.mask;
  return input;
}

/** The simulate request from a validated JSON body or a multipart form, images as bytes. */
export async function readSimulateInput(c: Context<AppEnv>, json: SimulateRequest | undefined): Promise<SimulateInput> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const options = json ?? {};
    const input: SimulateInput = { options };
    if (options.image !== undefined) input.imageBytes = decodeBase64(options.image, "/image");
    if (options.mask !== undefined) input.maskBytes = decodeBase64(options.mask, "/mask");
    return input;
  }
  return readForm(c);
}
