import type { DecodedPng } from "fast-png";
import { CoreError } from "../errors.ts";
import type { GrayImage } from "./gray-image.ts";

/**
 * Rec. ITU-R BT.601 luma weights, the usual choice for converting RGB to gray
 * (also what PIL's convert("L") uses).
 */
const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;

function corrupt(detail: string): never {
  throw new CoreError("corrupt-image", `PNG pixel data is inconsistent: ${detail}`);
}

/** Samples of a packed row format (bit depth 1, 2 or 4, one channel), one value per pixel. */
function unpackLowDepth(png: DecodedPng): Uint8Array {
  const { width, height, depth } = png;
  const bytesPerRow = Math.ceil((width * depth) / 8);
  const src = png.data;
  if (src.length !== bytesPerRow * height) corrupt(`${src.length} bytes for ${height} packed rows`);
  const out = new Uint8Array(width * height);
  const valueMask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    const row = y * bytesPerRow;
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      out[y * width + x] = (src[row + (bit >> 3)]! >> (8 - depth - (bit & 7))) & valueMask;
    }
  }
  return out;
}

/**
 * Converts fast-png's decoded form to one gray channel. Gray keeps its depth (1, 2 and 4 are
 * expanded to 8 bits by v * 255 / (2^d - 1), exact for those depths); RGB and palette colours
 * become luma; alpha is ignored, since radiographs carry no meaningful transparency.
 */
export function pngToGray(png: DecodedPng): GrayImage {
  const { width, height, channels, depth } = png;
  const n = width * height;
  if (png.palette) {
    const indices = depth < 8 ? unpackLowDepth(png) : png.data;
    if (indices.length !== n) corrupt(`${indices.length} palette indices for ${n} pixels`);
    const lut = new Uint8Array(256);
    const entries = png.palette.length;
    png.palette.forEach((c, i) => (lut[i] = Math.round(LUMA_R * c[0]! + LUMA_G * c[1]! + LUMA_B * c[2]!)));
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const index = indices[i]!;
      if (index >= entries) corrupt(`palette index ${index} but only ${entries} colours`);
      data[i] = lut[index]!;
    }
    return { width, height, bitDepth: 8, data };
  }
  if (depth < 8) {
    if (channels !== 1) corrupt(`bit depth ${depth} with ${channels} channels`);
    const data = unpackLowDepth(png);
    const factor = 255 / ((1 << depth) - 1); // 255, 85 or 17: integers, so the expansion is exact
    for (let i = 0; i < n; i++) data[i] = data[i]! * factor;
    return { width, height, bitDepth: 8, data };
  }
  const src = png.data;
  if (src.length !== n * channels) corrupt(`${src.length} samples for ${n} pixels x ${channels} channels`);
  // One gray channel already: the decoder's own array is the image (no full-size copy).
  if (channels === 1 && depth === 16 && src instanceof Uint16Array) return { width, height, bitDepth: 16, data: src };
  if (channels === 1 && depth === 8 && src instanceof Uint8Array) return { width, height, bitDepth: 8, data: src };
  const data = depth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  if (channels <= 2) {
    for (let i = 0; i < n; i++) data[i] = src[i * channels]!;
  } else if (channels === 3 || channels === 4) {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      data[i] = Math.round(LUMA_R * src[j]! + LUMA_G * src[j + 1]! + LUMA_B * src[j + 2]!);
    }
  } else {
    corrupt(`${channels} channels`);
  }
  return data instanceof Uint16Array ? { width, height, bitDepth: 16, data } : { width, height, bitDepth: 8, data };
}
