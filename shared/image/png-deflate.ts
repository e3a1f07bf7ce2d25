import type { GrayImage } from "./gray-image.ts";

/**
 * PNG encoding whose deflate runs in the platform's native zlib (CompressionStream "deflate",
 * i.e. RFC 1950 zlib data, exactly what IDAT holds) instead of JavaScript: in workerd a 1024²
 * radiograph encodes several times faster than through fast-png's pako. Rows use the Up filter
 * (PNG spec §9.2), which suits smooth radiographs. Available in workerd, browsers and Node ≥ 18.
 */
const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FILTER_UP = 2;

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/** CRC-32 (ISO 3309) over a chunk's type and data, as PNG chunks carry it. */
function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Scanlines as PNG stores them: a filter byte, then the row's bytes (16-bit big-endian). */
function filteredScanlines(image: GrayImage): Uint8Array {
  const bytesPerPixel = image.bitDepth === 16 ? 2 : 1;
  const stride = image.width * bytesPerPixel;
  const raw = new Uint8Array((stride + 1) * image.height);
  let row = new Uint8Array(stride);
  let above = new Uint8Array(stride); // the row above the first is zeros (PNG spec)
  for (let y = 0; y < image.height; y++) {
    const offset = y * image.width;
    if (image.bitDepth === 16) {
      for (let x = 0; x < image.width; x++) {
        const v = image.data[offset + x]!;
        row[2 * x] = v >>> 8;
        row[2 * x + 1] = v & 0xff;
      }
    } else {
      row.set(image.data.subarray(offset, offset + image.width));
    }
    const out = y * (stride + 1);
    raw[out] = FILTER_UP;
    for (let i = 0; i < stride; i++) raw[out + 1 + i] = (row[i]! - above[i]!) & 0xff;
    [row, above] = [above, row];
  }
  return raw;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

async function zlibDeflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** An 8- or 16-bit grayscale PNG (colour type 0) of the image, deflated natively. */
export async function encodePngNative(image: GrayImage): Promise<Uint8Array> {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  header[8] = image.bitDepth;
  header[9] = 0; // grayscale; compression, filter method and interlace stay 0
  const parts = [SIGNATURE, chunk("IHDR", header), chunk("IDAT", await zlibDeflate(filteredScanlines(image))), chunk("IEND", new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    png.set(part, at);
    at += part.length;
  }
  return png;
}
