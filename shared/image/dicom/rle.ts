import { CoreError } from "../../errors.ts";

function corrupt(detail: string): never {
  throw new CoreError("corrupt-image", `DICOM RLE ${detail}`);
}

/** One PackBits segment (PS3.5 G.3.1) into `out`, every `stride`-th byte from `start`. */
function unpackSegment(
  src: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  start: number,
  stride: number,
  count: number,
): void {
  let i = from;
  let k = 0;
  while (k < count && i < to) {
    const n = src[i++]!;
    if (n < 128) {
      // literal run of n + 1 bytes
      const end = i + n + 1;
      if (end > to) corrupt("segment ends inside a literal run");
      for (; i < end && k < count; i++, k++) out[start + k * stride] = src[i]!;
    } else if (n > 128) {
      // the next byte, 257 - n times (n is -127..-1 as a signed byte)
      if (i >= to) corrupt("segment ends inside a replicate run");
      const v = src[i++]!;
      for (let r = 257 - n; r > 0 && k < count; r--, k++) out[start + k * stride] = v;
    } // n = 128 (-128) is a no-op
  }
  if (k < count) corrupt(`segment holds ${k} bytes; the frame needs ${count}`);
}

/**
 * Decodes one RLE Lossless frame (PS3.5 annex G) to native little-endian bytes with samples
 * interleaved (planar configuration 0), so the native stored-value reader applies unchanged.
 * The 64-byte header gives the segment count and offsets; segment order is sample by sample,
 * most significant byte first within each sample (G.2).
 */
export function decodeRleFrame(
  frame: Uint8Array,
  pixelCount: number,
  samplesPerPixel: number,
  bitsAllocated: number,
): Uint8Array {
  const bytesPerSample = bitsAllocated / 8;
  if (!Number.isInteger(bytesPerSample) || bytesPerSample < 1 || bytesPerSample > 4) {
    throw new CoreError("unsupported-image", `DICOM RLE with Bits Allocated ${bitsAllocated} is not supported`);
  }
  if (frame.length < 64) corrupt("frame is shorter than its 64-byte header");
  const header = new DataView(frame.buffer, frame.byteOffset, 64);
  const segments = header.getUint32(0, true);
  const expected = samplesPerPixel * bytesPerSample;
  if (segments !== expected)
    corrupt(
      `header declares ${segments} segments; ${samplesPerPixel} samples of ${bitsAllocated} bits need ${expected}`,
    );
  const offsets: number[] = [];
  for (let s = 0; s < segments; s++) offsets.push(header.getUint32(4 + 4 * s, true));
  offsets.push(frame.length);
  const pixelBytes = samplesPerPixel * bytesPerSample;
  const out = new Uint8Array(pixelCount * pixelBytes);
  for (let s = 0; s < segments; s++) {
    const from = offsets[s]!;
    const to = offsets[s + 1]!;
    if (from < 64 || from > to || to > frame.length)
      corrupt(`segment ${s} offset ${from} is out of order or outside the frame`);
    const sample = Math.floor(s / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample); // MSB segment first -> highest LE byte
    unpackSegment(frame, from, to, out, sample * bytesPerSample + byteInSample, pixelBytes, pixelCount);
  }
  return out;
}
