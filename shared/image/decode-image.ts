import { CoreError } from "../errors.ts";
import {
  decodeDicom,
  dicomFrameToGray,
  readDicomFrame,
  type DicomDecodeOptions,
  type DicomFrame,
} from "./dicom-codec.ts";
import type { GrayImage } from "./gray-image.ts";
import { decodePng, type DecodeOptions } from "./png-codec.ts";
import { hasPngSignature } from "./png-header.ts";

export type ImageFormat = "png" | "dicom";

/** DICOM Part 10: a 128-byte preamble, then "DICM" (PS3.10 section 7.1). */
function hasDicomMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d
  );
}

/** The container format by magic bytes, or null when neither signature is present. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (hasPngSignature(bytes)) return "png";
  if (hasDicomMagic(bytes)) return "dicom";
  return null;
}

/**
 * Decodes a PNG or DICOM upload to a gray image. The declared size is checked against
 * `maxPixels` (default 4096 * 4096) before any pixel data is inflated or allocated. Every
 * failure is a CoreError: "not-an-image", "corrupt-image", "unsupported-image" or
 * "image-too-large"; library exceptions are wrapped, never rethrown raw.
 */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): GrayImage {
  const format = sniffImageFormat(bytes);
  try {
    if (format === "png") return decodePng(bytes, options);
    if (format === "dicom") return decodeDicom(bytes, options);
  } catch (cause) {
    if (cause instanceof CoreError) throw cause;
    // A bug path (e.g. a RangeError from a typed-array view) still reaches callers as a domain error.
    throw new CoreError(
      "corrupt-image",
      `${format} could not be decoded: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  throw new CoreError("not-an-image", "the bytes are neither a PNG nor a DICOM Part 10 file");
}

/**
 * decodeImage for every supported DICOM transfer syntax (deflate and the wasm codecs start
 * asynchronously) and a `frame` of a multi-frame object; PNG as decodeImage. Errors as
 * decodeImage, plus "unsupported-transfer-syntax" naming the UID it cannot read.
 */
export async function decodeImageAsync(bytes: Uint8Array, options: DicomDecodeOptions = {}): Promise<GrayImage> {
  return (await decodeImageWithSource(bytes, options)).image;
}

/** decodeImageAsync, also giving the decoded DICOM frame (its data set: patient, study, UIDs). */
export async function decodeImageWithSource(
  bytes: Uint8Array,
  options: DicomDecodeOptions = {},
): Promise<{ image: GrayImage; dicom?: DicomFrame }> {
  const format = sniffImageFormat(bytes);
  if (format !== "dicom") return { image: decodeImage(bytes, options) };
  try {
    const dicom = await readDicomFrame(bytes, options);
    return { image: dicomFrameToGray(dicom, options.outOfWindow).image, dicom };
  } catch (cause) {
    if (cause instanceof CoreError) throw cause;
    throw new CoreError(
      "corrupt-image",
      `dicom could not be decoded: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}
