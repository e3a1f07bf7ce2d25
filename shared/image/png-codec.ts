import { decode, encode } from "fast-png";
import { CoreError } from "../errors.ts";
import { DEFAULT_MAX_PIXELS, type GrayImage } from "./gray-image.ts";
import { decodeGrayPngDirect } from "./png-gray-direct.ts";
import { hasPngSignature, readPngHeader } from "./png-header.ts";
import { pngToGray } from "./png-to-gray.ts";

export interface DecodeOptions {
  /** Largest width * height accepted; checked against the header before decompression. */
  maxPixels?: number;
}

/** Throws "image-too-large" when the declared size exceeds the cap. */
export function assertPixelCap(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new CoreError(
      "image-too-large",
      `image declares ${width}x${height} = ${width * height} pixels; the limit is ${maxPixels}`,
    );
  }
}

/**
 * Decodes a PNG (any colour type and bit depth) to gray. IHDR is read and the pixel cap
 * enforced before fast-png inflates anything; CRCs are checked so that flipped bytes surface
 * as "corrupt-image" instead of silently wrong pixels. Plain gray PNGs (radiographs) are decoded
 * into one buffer sized from IHDR (png-gray-direct.ts); everything else, and anything that path
 * doubts, by fast-png.
 */
export function decodePng(bytes: Uint8Array, options: DecodeOptions = {}): GrayImage {
  if (!hasPngSignature(bytes)) throw new CoreError("not-an-image", "missing PNG signature");
  const header = readPngHeader(bytes);
  assertPixelCap(header.width, header.height, options.maxPixels ?? DEFAULT_MAX_PIXELS);
  const direct = decodeGrayPngDirect(bytes, header);
  if (direct) return direct;
  let png;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new CoreError("corrupt-image", `PNG could not be decoded: ${detail}`);
  }
  if (png.width !== header.width || png.height !== header.height) {
    throw new CoreError("corrupt-image", "decoded PNG size differs from its header");
  }
  return pngToGray(png);
}

export interface EncodeOptions {
  /** zlib level 0..9; fast-png's default 3 trades a little size for speed. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** Encodes a gray image as an 8- or 16-bit grayscale PNG (colour type 0). */
export function encodePng(image: GrayImage, options: EncodeOptions = {}): Uint8Array {
  return encode(
    { width: image.width, height: image.height, data: image.data, depth: image.bitDepth, channels: 1 },
    options.level === undefined ? {} : { zlib: { level: options.level } },
  );
}
