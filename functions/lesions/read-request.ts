import type { Context } from "hono";
import { decodeBase64 } from "../../shared/encoding/base64.ts";
import type { AppEnv } from "../env.ts";
import { readImageForm } from "./image-form.ts";
import { SIMULATE_FORM_FILES, SimulateRequest } from "./schemas.ts";

export interface SimulateInput {
  options: SimulateRequest;
  imageBytes?: Uint8Array;
  maskBytes?: Uint8Array;
}

/** The simulate body as a multipart form: SimulateRequest's fields, images as files. */
export const SIMULATE_FORM = { schema: SimulateRequest, files: SIMULATE_FORM_FILES };

/** The simulate request from a validated JSON body or a multipart form, images as bytes. */
export async function readSimulateInput(c: Context<AppEnv>, json: SimulateRequest | undefined): Promise<SimulateInput> {
  if ((c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const { data, files } = await readImageForm(c, SIMULATE_FORM);
    const input: SimulateInput = { options: data };
    if (files.image) input.imageBytes = files.image;
    if (files.mask) input.maskBytes = files.mask;
    return input;
  }
  const options = json ?? {};
  const input: SimulateInput = { options };
  if (options.image !== undefined) input.imageBytes = decodeBase64(options.image, "/image");
  if (options.mask !== undefined) input.maskBytes = decodeBase64(options.mask, "/mask");
  return input;
}
