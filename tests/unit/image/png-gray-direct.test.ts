import { decode, encode } from "fast-png";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../../shared/image/png-codec.ts";
import { crc32 } from "../../../shared/image/png-crc.ts";
import { decodeGrayPngDirect } from "../../../shared/image/png-gray-direct.ts";
import { readPngHeader } from "../../../shared/image/png-header.ts";
import { pngToGray } from "../../../shared/image/png-to-gray.ts";
import type { GrayImage } from "../../../shared/image/gray-image.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

/** fast-png's answer, the reference the direct path must equal sample for sample. */
const viaFastPng = (png: Uint8Array): GrayImage => pngToGray(decode(png, { checkCrc: true }));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(
    [...type].map((c) => c.charCodeAt(0)),
    4,
  );
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

/**
 * A gray PNG written by hand: rows filtered with the filter types given (cycled), the zlib stream
 * split over `idats` IDAT chunks, optional extra chunks before the first IDAT.
 */
function handPng(
  width: number,
  height: number,
  depth: 8 | 16,
  samples: ArrayLike<number>,
  filters: number[],
  idats = 1,
  extra: Uint8Array[] = [],
): Uint8Array {
  const bpp = depth / 8;
  const stride = width * bpp;
  const rows = new Uint8Array(height * stride);
  for (let i = 0; i < width * height; i++) {
    if (depth === 8) rows[i] = samples[i]!;
    else (rows[2 * i] = samples[i]! >> 8), (rows[2 * i + 1] = samples[i]! & 0xff);
  }
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length]!;
    raw[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = rows[y * stride + i]!;
      const a = i >= bpp ? rows[y * stride + i - bpp]! : 0;
      const b = y > 0 ? rows[(y - 1) * stride + i]! : 0;
      const c = i >= bpp && y > 0 ? rows[(y - 1) * stride + i - bpp]! : 0;
      const p = a + b - c;
      const pred =
        [
          0,
          a,
          b,
          (a + b) >> 1,
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
            ? a
            : Math.abs(p - b) <= Math.abs(p - c)
              ? b
              : c,
        ][f] ?? 0;
      raw[y * (stride + 1) + 1 + i] = (x - pred) & 0xff;
    }
  }
  const z = new Uint8Array(deflateSync(raw));
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([depth, 0, 0, 0, 0], 8);
  const cut = Math.ceil(z.length / idats);
  const idatChunks = Array.from({ length: idats }, (_, k) => chunk("IDAT", z.subarray(k * cut, (k + 1) * cut)));
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    ...extra,
    ...idatChunks,
    chunk("IEND", new Uint8Array(0)),
  ]);
}

const direct = (png: Uint8Array) => decodeGrayPngDirect(png, readPngHeader(png));

describe("direct gray PNG decoding (one buffer sized from IHDR)", () => {
  const rng = createRng(11);
  for (const depth of [8, 16] as const) {
    for (const [width, height] of [
      [1, 1],
      [7, 5],
      [33, 17],
      [64, 3],
    ] as const) {
      it(`equals fast-png for ${depth}-bit ${width}×${height} under every filter, split IDATs and pHYs`, () => {
        const max = depth === 8 ? 256 : 65536;
        // Smooth ramps plus noise, so that every filter sees carries and wrap-around.
        const samples = Array.from(
          { length: width * height },
          (_, i) => (i * 977 + Math.floor(rng.nextFloat() * max)) % max,
        );
        for (const filters of [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4]]) {
          for (const idats of [1, 3]) {
            const png = handPng(width, height, depth, samples, filters, idats, [chunk("pHYs", new Uint8Array(9))]);
            const got = direct(png);
            expect(got, `filters ${filters} idats ${idats}`).toBeDefined();
            expect(got!.bitDepth).toBe(depth);
            expect(Array.from(got!.data)).toEqual(Array.from(viaFastPng(png).data));
            expect(Array.from(got!.data)).toEqual(samples);
          }
        }
      });
    }
  }

  it("equals fast-png on what our encoder and fast-png's encoder write", () => {
    const data = Uint16Array.from({ length: 300 * 211 }, (_, i) => (i * 7919) % 65536);
    for (const png of [
      encodePng({ width: 300, height: 211, bitDepth: 16, data }),
      encode({ width: 300, height: 211, data, depth: 16, channels: 1 }),
    ]) {
      expect(Array.from(direct(png)!.data)).toEqual(Array.from(viaFastPng(png).data));
    }
  });

  it("leaves to fast-png what it does not handle or doubts", () => {
    const gray = handPng(
      4,
      4,
      8,
      Array.from({ length: 16 }, (_, i) => i * 9),
      [4],
    );
    expect(direct(gray)).toBeDefined();
    const rgb = encode({ width: 4, height: 4, data: new Uint8Array(48), depth: 8, channels: 3 });
    expect(direct(rgb)).toBeUndefined();
    // tRNS, a text chunk, an unknown filter type, a flipped byte, a truncation, a missing IEND.
    expect(direct(handPng(4, 4, 8, new Array(16).fill(3), [0], 1, [chunk("tRNS", new Uint8Array(2))]))).toBeUndefined();
    expect(
      direct(handPng(4, 4, 8, new Array(16).fill(3), [0], 1, [chunk("tEXt", new TextEncoder().encode("a\0b"))])),
    ).toBeUndefined();
    expect(direct(handPng(4, 4, 8, new Array(16).fill(3), [5]))).toBeUndefined();
    const flipped = gray.slice();
    flipped[gray.length - 20]! ^= 1;
    expect(direct(flipped)).toBeUndefined();
    expect(direct(gray.subarray(0, gray.length - 1))).toBeUndefined();
    expect(direct(gray.subarray(0, gray.length - 12))).toBeUndefined();
  });

  it("treats a zlib stream longer or shorter than IHDR declares as fast-png does", () => {
    const png = handPng(
      4,
      5,
      8,
      Array.from({ length: 20 }, (_, i) => i),
      [0],
    );
    const header = readPngHeader(png);
    // Longer: fast-png reads the declared rows and ignores the rest; so does the direct path.
    expect(Array.from(decodeGrayPngDirect(png, { ...header, height: 4 })!.data)).toEqual(
      Array.from({ length: 16 }, (_, i) => i),
    );
    // Shorter: left to fast-png, which reports it (corrupt-image in decodePng).
    expect(decodeGrayPngDirect(png, { ...header, height: 6 })).toBeUndefined();
  });
});
