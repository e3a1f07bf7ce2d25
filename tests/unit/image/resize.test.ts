import { describe, expect, it } from "vitest";
import { resizeGray, resizeMask } from "../../../shared/image/resize.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

describe("resizeGray / resizeMask", () => {
  it("halving averages each 2×2 block exactly", () => {
    const rng = createRng(5);
    const data = Uint16Array.from({ length: 8 * 6 }, () => Math.floor(rng.nextFloat() * 65536));
    const out = resizeGray({ width: 8, height: 6, bitDepth: 16, data }, 4, 3);
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 4; x++) {
        const s =
          data[2 * y * 8 + 2 * x]! +
          data[2 * y * 8 + 2 * x + 1]! +
          data[(2 * y + 1) * 8 + 2 * x]! +
          data[(2 * y + 1) * 8 + 2 * x + 1]!;
        expect(out.data[y * 4 + x]).toBe(Math.round(s / 4));
      }
    }
  });

  it("keeps a constant image constant at non-integer ratios, up and down", () => {
    const data = new Uint8Array(37 * 23).fill(200);
    for (const [w, h] of [
      [16, 16],
      [50, 31],
      [5, 9],
    ] as const) {
      const out = resizeGray({ width: 37, height: 23, bitDepth: 8, data }, w, h);
      expect(out.data.length).toBe(w * h);
      expect(new Set(out.data)).toEqual(new Set([200]));
    }
  });

  it("conserves the mean when downscaling by a non-integer ratio", () => {
    const data = Uint8Array.from({ length: 30 * 30 }, (_, i) => (i * 7) % 256);
    const out = resizeGray({ width: 30, height: 30, bitDepth: 8, data }, 12, 12);
    const mean = (a: Uint8Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(Math.abs(mean(out.data as Uint8Array) - mean(data))).toBeLessThan(0.6);
  });

  it("a mask pixel is inside when at least half of its footprint was", () => {
    const data = new Uint8Array(4 * 4);
    data.set([255, 255, 0, 0, 255, 0, 0, 0], 0); // top-left block 3/4 inside, top-right 0
    data.set([0, 0, 255, 0, 0, 0, 255, 0], 8); // bottom-right block 2/4 inside
    expect(Array.from(resizeMask({ width: 4, height: 4, data }, 2, 2).data)).toEqual([255, 0, 0, 255]);
  });
});
