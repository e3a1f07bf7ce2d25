import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { antiAliasWeight, fractalNoise } from "../../../shared/lesion/fractal-noise.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

const options = fc.record({
  res: fc.integer({ min: 1, max: 8 }),
  persistence: fc.double({ min: 0, max: 1, noNaN: true }),
  lacunarity: fc.integer({ min: 1, max: 4 }),
});

describe("fractal Perlin noise", () => {
  it("stays in [0, 1] and is reproducible from the seed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        options,
        fc.integer({ min: 4, max: 48 }),
        (seed, o, side) => {
          const a = fractalNoise(createRng(seed), side, side, o);
          const b = fractalNoise(createRng(seed), side, side, o);
          expect(a).toEqual(b);
          for (const v of a) expect(v >= 0 && v <= 1).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("is exactly 1/2 on lattice points, where gradient noise vanishes (Perlin 2002)", () => {
    // One octave with 4 periods over 64 px: lattice points every 16 px.
    const n = fractalNoise(createRng(3), 64, 64, { res: 4, persistence: 0.5, lacunarity: 2, octaves: 1 });
    for (const y of [0, 16, 32, 48]) for (const x of [0, 16, 32, 48]) expect(n[y * 64 + x]).toBe(0.5);
    expect(new Set(n).size).toBeGreaterThan(1000);
  });

  it("is continuous: neighbouring pixels of a low-frequency octave differ little", () => {
    const n = fractalNoise(createRng(5), 128, 128, { res: 2, persistence: 0.5, lacunarity: 2, octaves: 1 });
    let worst = 0;
    for (let i = 1; i < 128; i++) worst = Math.max(worst, Math.abs(n[i]! - n[i - 1]!));
    // Slope of sqrt(2) * gradient noise is at most ~sqrt(2) * 1.9 per lattice cell = 64 px here.
    expect(worst).toBeLessThan(0.05);
  });

  it("fades octaves finer than 4 px and drops those at or beyond the 2 px Nyquist period", () => {
    expect(antiAliasWeight(1 / 8)).toBe(1);
    expect(antiAliasWeight(1 / 4)).toBe(1);
    expect(antiAliasWeight(3 / 8)).toBeCloseTo(0.5, 12);
    expect(antiAliasWeight(1 / 2)).toBe(0);
    expect(antiAliasWeight(3)).toBe(0);
  });

  it("skips pixels where the weight map is not positive and leaves them 0", () => {
    const where = new Float64Array(32 * 32);
    where.fill(1, 0, 512);
    const n = fractalNoise(createRng(1), 32, 32, { res: 2, persistence: 0.5, lacunarity: 2 }, where);
    expect(n.subarray(512).every((v) => v === 0)).toBe(true);
    expect(n.subarray(0, 512).some((v) => v > 0)).toBe(true);
  });
});
