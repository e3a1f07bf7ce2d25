import { CoreError } from "../../shared/errors.ts";
import { decodeImageAsync } from "../../shared/image/decode-image.ts";
import type { BinaryMask, GrayImage } from "../../shared/image/gray-image.ts";
import { encodePng } from "../../shared/image/png-codec.ts";

/**
 * Decodes an upload (PNG, or DICOM in any supported transfer syntax; `frame` of a multi-frame
 * object), saying which field was at fault in the problem's message and pointer.
 */
export async function decodeUpload(bytes: Uint8Array, field: "image" | "mask", maxPixels: number, frame?: number): Promise<GrayImage> {
  try {
    return await decodeImageAsync(bytes, frame === undefined ? { maxPixels } : { maxPixels, frame });
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    const pointer = e.issues[0]?.pointer === "/frame" ? "/frame" : `/${field}`;
    throw new CoreError(e.code, `${field}: ${e.message}`, [{ pointer, detail: e.message }]);
  }
}

export function maskPng(mask: BinaryMask): Uint8Array {
  return encodePng({ width: mask.width, height: mask.height, bitDepth: 8, data: mask.data });
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
