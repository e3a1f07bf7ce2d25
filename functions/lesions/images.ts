import { CoreError } from "../../shared/errors.ts";
import { decodeImage } from "../../shared/image/decode-image.ts";
import type { BinaryMask, GrayImage } from "../../shared/image/gray-image.ts";
import { encodePng } from "../../shared/image/png-codec.ts";
import { encodePngNative } from "../../shared/image/png-deflate.ts";
import type { Env } from "../env.ts";

/** Decodes an upload, saying which field was at fault in the problem's message and pointer. */
export function decodeUpload(bytes: Uint8Array, field: "image" | "mask", maxPixels: number): GrayImage {
  try {
    return decodeImage(bytes, { maxPixels });
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    throw new CoreError(e.code, `${field}: ${e.message}`, [{ pointer: `/${field}`, detail: e.message }]);
  }
}

/**
 * PNG bytes of an image: native zlib (node:zlib, level 1) by default; PNG_ENCODER = "js" keeps
 * fast-png's pure-JavaScript deflate, the encoder before it, for bench/png-encode.ts to compare.
 */
export function toPng(image: GrayImage, env: Env | undefined): Uint8Array {
  return env?.PNG_ENCODER === "js" ? encodePng(image) : encodePngNative(image);
}

export function maskPng(mask: BinaryMask, env: Env | undefined): Uint8Array {
  return toPng({ width: mask.width, height: mask.height, bitDepth: 8, data: mask.data }, env);
}

/** A PNG response body; copies into a fresh ArrayBuffer-backed view for the Response API. */
export function pngResponse(png: Uint8Array, headers: Record<string, string>): Response {
  return new Response(png as Uint8Array<ArrayBuffer>, { status: 200, headers: { "content-type": "image/png", ...headers } });
}

/** True when the client asked for the PNG alone rather than the JSON envelope. */
export function wantsPng(accept: string | undefined): boolean {
  const types = (accept ?? "").split(",").map((t) => t.split(";")[0]!.trim().toLowerCase());
  return types.includes("image/png") && !types.includes("application/json");
}
