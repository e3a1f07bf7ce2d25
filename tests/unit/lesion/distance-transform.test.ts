import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { squaredDistanceToOutside } from "../../../shared/lesion/distance-transform.ts";

/** Brute force: min over non-mask pixels, including a one-pixel frame outside the image. */
function bruteForce(mask: Uint8Array, w: number, h: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (mask[y * w + x] === 0) {
        out.push(0);
        continue;
      }
      let best = Infinity;
      for (let v = -1; v <= h; v++) {
        for (let u = -1; u <= w; u++) {
          const inside = u >= 0 && v >= 0 && u < w && v < h && mask[v * w + u] !== 0;
          if (!inside) best = Math.min(best, (u - x) ** 2 + (v - y) ** 2);
        }
      }
      out.push(best);
    }
  }
  return out;
}

describe("squared Euclidean distance transform (Felzenszwalb & Huttenlocher)", () => {
  it("matches brute force on random masks", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (w, h, bits) => {
          const mask = Uint8Array.from({ length: w * h }, (_, i) => ((bits >>> (i % 31)) & 1 || i % 3 === 0 ? 255 : 0));
          expect(Array.from(squaredDistanceToOutside(mask, w, h))).toEqual(bruteForce(mask, w, h));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("treats the image border as outside", () => {
    const full = new Uint8Array(5 * 5).fill(1);
    expect(squaredDistanceToOutside(full, 5, 5)[12]).toBe(9);
  });
});
