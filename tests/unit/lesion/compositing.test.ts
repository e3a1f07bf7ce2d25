import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compositeLesion } from "../../../shared/lesion/compositing.ts";

const opacity = fc.double({ min: 0, max: 1, noNaN: true });

describe("compositing", () => {
  it("linear: v' = min(M, round(v (1 - p) + M p)) on p > 0, untouched elsewhere (8- and 16-bit)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(255, 65535),
        fc.array(fc.tuple(fc.nat(), opacity), { minLength: 1, maxLength: 64 }),
        (max, pairs) => {
          const values = pairs.map(([v]) => v % (max + 1));
          const data = max === 255 ? Uint8Array.from(values) : Uint16Array.from(values);
          const p = Float64Array.from(pairs.map(([, q]) => q));
          compositeLesion(data, pairs.length, { x: 0, y: 0, width: pairs.length, height: 1 }, p, max, "linear");
          values.forEach((v, i) => {
            const q = p[i]!;
            expect(data[i]).toBe(q > 0 ? Math.min(max, Math.round(v * (1 - q) + max * q)) : v);
          });
        },
      ),
    );
  });

  it("beer-lambert: v' = min(M, round(M - (M - v) exp(-mu t p))) on p > 0", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 65535 }), opacity), { minLength: 1, maxLength: 64 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (pairs, mu, thicknessMm) => {
          const data = Uint16Array.from(pairs.map(([v]) => v));
          const p = Float64Array.from(pairs.map(([, q]) => q));
          compositeLesion(
            data,
            pairs.length,
            { x: 0, y: 0, width: pairs.length, height: 1 },
            p,
            65535,
            "beer-lambert",
            { mu, thicknessMm },
          );
          pairs.forEach(([v, q], i) => {
            expect(data[i]).toBe(
              q > 0 ? Math.min(65535, Math.round(65535 - (65535 - v) * Math.exp(-(mu * thicknessMm) * q))) : v,
            );
          });
        },
      ),
    );
  });

  it("beer-lambert equals linear with p replaced by the absorptance 1 - exp(-mu t)", () => {
    const v = 100,
      mu = 0.02,
      t = 100,
      p = 0.3;
    const a = new Uint8Array([v]),
      b = new Uint8Array([v]);
    compositeLesion(a, 1, { x: 0, y: 0, width: 1, height: 1 }, Float64Array.of(p), 255, "beer-lambert", {
      mu,
      thicknessMm: t,
    });
    compositeLesion(
      b,
      1,
      { x: 0, y: 0, width: 1, height: 1 },
      Float64Array.of(1 - Math.exp(-mu * t * p)),
      255,
      "linear",
    );
    expect(Math.abs(a[0]! - b[0]!)).toBeLessThanOrEqual(1);
    expect(a[0]).toBe(Math.round(255 - 155 * Math.exp(-0.6))); // 255 - 155 * 0.5488 = 169.9 -> 170
    expect(a[0]).toBe(170);
  });

  it("only writes inside the box", () => {
    const data = new Uint8Array(5 * 4).fill(10);
    compositeLesion(data, 5, { x: 1, y: 1, width: 2, height: 2 }, Float64Array.of(1, 1, 1, 0), 255, "linear");
    expect(Array.from(data)).toEqual([
      10, 10, 10, 10, 10, 10, 255, 255, 10, 10, 10, 255, 10, 10, 10, 10, 10, 10, 10, 10,
    ]);
  });
});
