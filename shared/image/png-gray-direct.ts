import { unzlibSync } from "fflate";
import type { GrayImage } from "./gray-image.ts";
import { crc32 } from "./png-crc.ts";
import type { PngHeader } from "./png-header.ts";

/**
 * Chunks this path reads past: IHDR/IDAT/IEND, and fixed-layout ancillary chunks that cannot
 * change the gray samples. Any other chunk (tRNS, text, palette, unknown) goes to fast-png.
 */
const KNOWN_CHUNKS = new Set(["IHDR", "IDAT", "IEND", "pHYs", "gAMA", "sRGB", "cHRM", "tIME"]);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The IDAT data in order (a view when there is one chunk), or undefined if the file needs fast-png. */
function idatStream(bytes: Uint8Array): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: [number, number][] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) return undefined;
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (!KNOWN_CHUNKS.has(type) || (type === "IHDR") !== (at === 8)) return undefined;
    if (crc32(bytes, at + 4, at + 8 + length) !== view.getUint32(at + 8 + length)) return undefined;
    if (type === "IEND") {
      if (parts.length <= 1) return parts[0] && bytes.subarray(parts[0][0], parts[0][1]);
      const joined = new Uint8Array(parts.reduce((sum, [a, b]) => sum + b - a, 0));
      let offset = 0;
      for (const [a, b] of parts) {
        joined.set(bytes.subarray(a, b), offset);
        offset += b - a;
      }
      return joined;
    }
    if (type === "IDAT") parts.push([at + 8, at + 8 + length]);
    at = end;
  }
  return undefined; // no IEND
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/**
 * Reverses the row filters (PNG spec §9) in place, moving each row over its filter byte, so the
 * samples end up packed at the start of `raw`. False on an unknown filter type.
 */
function unfilterInPlace(raw: Uint8Array, height: number, stride: number, bpp: number): boolean {
  for (let y = 0; y < height; y++) {
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const up = dst - stride; // the previous row, already unfiltered and moved (unused on row 0)
    const filter = raw[src - 1]!;
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? raw[dst + i - bpp]! : 0;
      const above = y > 0 ? raw[up + i]! : 0;
      const x = raw[src + i]!;
      if (filter === 0) raw[dst + i] = x;
      else if (filter === 1) raw[dst + i] = x + left;
      else if (filter === 2) raw[dst + i] = x + above;
      else if (filter === 3) raw[dst + i] = x + ((left + above) >> 1);
      else if (filter === 4) raw[dst + i] = x + paeth(left, above, i >= bpp && y > 0 ? raw[up + i - bpp]! : 0);
      else return false;
    }
  }
  return true;
}

/**
 * Decodes a plain gray PNG (colour type 0, 8 or 16 bits, not interlaced: what radiographs are)
 * into ONE buffer sized from IHDR: the zlib stream is inflated straight into it, unfiltered in
 * place, and 16-bit samples byte-swapped in place. fast-png grows its inflate buffer by doubling
 * and copies the result twice (35 MiB of buffers for a 1448² 16-bit image against 4 MiB here,
 * docs/loadtest.md). Returns undefined for anything else, or anything unexpected, so that
 * fast-png decodes it and reports its errors exactly as before; the samples are the same.
 */
export function decodeGrayPngDirect(bytes: Uint8Array, header: PngHeader): GrayImage | undefined {
  const { width, height, bitDepth } = header;
  if (header.colorType !== 0 || header.interlace !== 0 || (bitDepth !== 8 && bitDepth !== 16) || !LITTLE_ENDIAN)
    return undefined;
  const stream = idatStream(bytes);
  if (!stream) return undefined;
  const bpp = bitDepth / 8;
  const stride = width * bpp;
  const raw = new Uint8Array((stride + 1) * height);
  let inflated: Uint8Array;
  try {
    inflated = unzlibSync(stream, { out: raw });
  } catch {
    return undefined;
  }
  if (inflated.buffer !== raw.buffer || inflated.length !== raw.length) return undefined;
  if (!unfilterInPlace(raw, height, stride, bpp)) return undefined;
  if (bitDepth === 8) return { width, height, bitDepth, data: raw.subarray(0, width * height) };
  for (let i = 0, end = stride * height; i < end; i += 2) {
    const hi = raw[i]!;
    raw[i] = raw[i + 1]!;
    raw[i + 1] = hi;
  }
  return { width, height, bitDepth, data: new Uint16Array(raw.buffer, 0, width * height) };
}
