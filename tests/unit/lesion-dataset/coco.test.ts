import { describe, expect, it } from "vitest";
import { decodeRle, encodeRle, tightBox } from "../../../trainers/lesion-dataset/coco.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

describe("COCO RLE and boxes", () => {
  it("runs go down the columns (COCO's Fortran order) and start with a 0-run", () => {
    // 3 wide, 2 high, rows [0 1 1] and [0 0 1]; read by columns: 0 0 | 1 0 | 1 1 → runs 2, 1, 1, 2.
    const inside = Uint8Array.from([0, 1, 1, 0, 0, 1]);
    expect(encodeRle(inside, 3, 2)).toEqual({ size: [2, 3], counts: [2, 1, 1, 2] });
    expect(encodeRle(Uint8Array.from([1, 1]), 1, 2).counts).toEqual([0, 2]);
  });

  it("decodes back to the same mask", () => {
    const rng = createRng(9);
    for (const [w, h] of [
      [1, 1],
      [7, 5],
      [16, 3],
    ] as const) {
      const inside = Uint8Array.from({ length: w * h }, () => (rng.nextFloat() < 0.4 ? 1 : 0));
      const rle = encodeRle(inside, w, h);
      expect(rle.counts.reduce((a, b) => a + b, 0)).toBe(w * h);
      expect(Array.from(decodeRle(rle))).toEqual(Array.from(inside));
    }
  });

  it("gives the tight box and pixel count, or null for an empty mask", () => {
    const inside = new Uint8Array(6 * 5);
    inside[1 * 6 + 2] = 1;
    inside[3 * 6 + 4] = 1;
    expect(tightBox(inside, 6, 5)).toEqual({ bbox: [2, 1, 3, 3], area: 2 });
    expect(tightBox(new Uint8Array(4), 2, 2)).toBeNull();
  });
});
