import fc from "fast-check";
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { CoreError } from "../../../shared/errors.ts";
import { decodeImage, encodePng, type GrayImage } from "../../../shared/image/index.ts";

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    return `raw ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return "no error";
}

const sized = fc.record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }) });

describe("PNG round trip", () => {
  it("8-bit gray survives encode then decode bit for bit", () => {
    fc.assert(
      fc.property(
        sized.chain(({ width, height }) =>
          fc
            .uint8Array({ minLength: width * height, maxLength: width * height })
            .map((data) => ({ width, height, data })),
        ),
        ({ width, height, data }) => {
          const image: GrayImage = { width, height, bitDepth: 8, data };
          const back = decodeImage(encodePng(image));
          expect(back.bitDepth).toBe(8);
          expect(back.width).toBe(width);
          expect(back.height).toBe(height);
          expect(Array.from(back.data)).toEqual(Array.from(data));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("16-bit gray survives encode then decode bit for bit", () => {
    fc.assert(
      fc.property(
        sized.chain(({ width, height }) =>
          fc
            .array(fc.integer({ min: 0, max: 65535 }), { minLength: width * height, maxLength: width * height })
            .map((values) => ({ width, height, data: Uint16Array.from(values) })),
        ),
        ({ width, height, data }) => {
          const back = decodeImage(encodePng({ width, height, bitDepth: 16, data }));
          expect(back.bitDepth).toBe(16);
          expect(back.data).toBeInstanceOf(Uint16Array);
          expect(Array.from(back.data)).toEqual(Array.from(data));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("PNG colour conversion", () => {
  it("converts RGB to gray with BT.601 luma weights", () => {
    const png = encode({ width: 2, height: 1, depth: 8, channels: 3, data: Uint8Array.from([255, 0, 0, 10, 200, 30]) });
    const gray = decodeImage(png);
    // 0.299 * 255 = 76.245 -> 76; 0.299 * 10 + 0.587 * 200 + 0.114 * 30 = 123.81 -> 124
    expect(Array.from(gray.data)).toEqual([76, 124]);
  });

  it("ignores alpha in gray+alpha and RGBA", () => {
    expect(
      Array.from(
        decodeImage(encode({ width: 2, height: 1, depth: 8, channels: 2, data: Uint8Array.from([7, 0, 9, 255]) })).data,
      ),
    ).toEqual([7, 9]);
    const rgba = encode({ width: 1, height: 1, depth: 16, channels: 4, data: Uint16Array.from([1000, 1000, 1000, 0]) });
    const gray = decodeImage(rgba);
    expect(gray.bitDepth).toBe(16);
    expect(Array.from(gray.data)).toEqual([1000]);
  });

  it("maps palette indices to the luma of their colours, also at bit depth 2", () => {
    const palette = [
      [255, 0, 0],
      [0, 0, 255],
      [0, 255, 0],
    ];
    const eight = encode({ width: 2, height: 1, depth: 8, channels: 1, data: Uint8Array.from([0, 1]), palette });
    expect(Array.from(decodeImage(eight).data)).toEqual([76, 29]); // 0.299*255, 0.114*255
    const packed = encode({ width: 3, height: 1, depth: 2, channels: 1, data: Uint8Array.from([0b00011000]), palette });
    expect(Array.from(decodeImage(packed).data)).toEqual([76, 29, 150]); // 0.587*255 = 149.7
  });

  it("expands 1-, 2- and 4-bit gray to 8 bits exactly", () => {
    const two = encode({ width: 4, height: 1, depth: 2, channels: 1, data: Uint8Array.from([0b00011011]) });
    expect(Array.from(decodeImage(two).data)).toEqual([0, 85, 170, 255]);
    const one = encode({ width: 9, height: 1, depth: 1, channels: 1, data: Uint8Array.from([0b10100000, 0b10000000]) });
    expect(Array.from(decodeImage(one).data)).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255]);
    const four = encode({ width: 2, height: 1, depth: 4, channels: 1, data: Uint8Array.from([0x1f]) });
    expect(Array.from(decodeImage(four).data)).toEqual([17, 255]);
  });
});

describe("PNG failures", () => {
  const good = encodePng({
    width: 64,
    height: 48,
    bitDepth: 8,
    data: Uint8Array.from({ length: 64 * 48 }, (_, i) => (i * 37) % 256),
  });

  it("reports corrupt-image for every truncation after the signature", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: good.length - 1 }), (cut) => {
        expect(codeOf(() => decodeImage(good.subarray(0, cut)))).toBe("corrupt-image");
      }),
      { numRuns: 80 },
    );
  });

  it("reports corrupt-image for a flipped byte inside a chunk (CRC checked)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 33, max: good.length - 13 }), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const bad = good.slice();
        bad[at] = bad[at]! ^ x;
        expect(codeOf(() => decodeImage(bad))).toBe("corrupt-image");
      }),
      { numRuns: 80 },
    );
  });

  it("reports not-an-image for random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (bytes) => {
        fc.pre(bytes[0] !== 0x89 && !(bytes[128] === 0x44 && bytes[129] === 0x49));
        expect(codeOf(() => decodeImage(bytes))).toBe("not-an-image");
      }),
      { numRuns: 200 },
    );
  });

  it("rejects an IHDR declaring 100000 x 100000 as image-too-large before touching pixel data", () => {
    // Signature + IHDR only (no IDAT): decoding pixels would fail with corrupt-image, so
    // image-too-large proves the cap is checked first, on the header alone.
    const ihdr = good.slice(0, 33);
    new DataView(ihdr.buffer).setUint32(16, 100_000);
    new DataView(ihdr.buffer).setUint32(20, 100_000);
    const started = performance.now();
    expect(codeOf(() => decodeImage(ihdr))).toBe("image-too-large");
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("honours a custom maxPixels", () => {
    expect(codeOf(() => decodeImage(good, { maxPixels: 64 * 48 - 1 }))).toBe("image-too-large");
    expect(decodeImage(good, { maxPixels: 64 * 48 }).width).toBe(64);
  });

  it("reports corrupt-image for an IHDR with an illegal bit depth", () => {
    const bad = good.slice();
    bad[24] = 3;
    expect(codeOf(() => decodeImage(bad))).toBe("corrupt-image");
  });
});
