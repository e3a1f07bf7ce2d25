import { CoreError } from "../../shared/errors.ts";
import { decodeImageWithSource } from "../../shared/image/decode-image.ts";
import type { DicomDecodeOptions, DicomFrame } from "../../shared/image/dicom-codec.ts";
import type { BinaryMask, GrayImage } from "../../shared/image/gray-image.ts";
import { encodePng } from "../../shared/image/png-codec.ts";
import { encodePngNative } from "../../shared/image/png-deflate.ts";
import type { Env } from "../env.ts";

/**
 * Decodes an upload (PNG, or DICOM in any supported transfer syntax; `frame` of a multi-frame
 * object), saying which field was at fault in the problem's message and pointer.
 */
export async function decodeUpload(
  bytes: Uint8Array,
  field: "image" | "mask",
  maxPixels: number,
  extra: Omit<DicomDecodeOptions, "maxPixels"> = {},
): Promise<{ image: GrayImage; dicom?: DicomFrame }> {
  try {
    return await decodeImageWithSource(bytes, { ...extra, maxPixels });
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    const pointer = e.issues[0]?.pointer === "/frame" ? "/frame" : `/${field}`;
    throw new CoreError(e.code, `${field}: ${e.message}`, [{ pointer, detail: e.message }]);
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
  return new Response(png as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { "content-type": "image/png", ...headers },
  });
}

/** True when the client asked for the PNG alone rather than the JSON envelope. */
export function wantsPng(accept: string | undefined): boolean {
  const types = (accept ?? "").split(",").map((t) => t.split(";")[0]!.trim().toLowerCase());
  return types.includes("image/png") && !types.includes("application/json");
}

/** The media types of Accept, lower-cased, parameters dropped. */
function acceptedTypes(accept: string | undefined): string[] {
  return (accept ?? "").split(",").map((t) => t.split(";")[0]!.trim().toLowerCase());
}

/** "dicom" for Accept: application/dicom, "dicom-json" for application/dicom+json, else null. */
export function wantsDicom(accept: string | undefined): "dicom" | "dicom-json" | null {
  const types = acceptedTypes(accept);
  if (types.includes("application/json")) return null;
  if (types.includes("application/dicom")) return "dicom";
  if (types.includes("application/dicom+json")) return "dicom-json";
  return null;
}
