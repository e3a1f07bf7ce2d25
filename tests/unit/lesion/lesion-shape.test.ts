import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLesionStamp } from "../../../shared/lesion/lesion-stamp.ts";
import { thetaToParams } from "../../../shared/lesion/lesion-params.ts";
import { drawTheta } from "../../../shared/lesion/presets.ts";
import { drawWarpPoint, piecewiseAffineWarp } from "../../../shared/lesion/shape-warp.ts";
import { softDisc } from "../../../shared/lesion/soft-disc.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

describe("soft disc", () => {
  it("follows w(d) = min(1, (1 - d/R) / s) with R = r + 1, centred on the canvas", () => {
    const { side, centre, alpha } = softDisc(9, 0.5, 3);
    expect(side).toBe(2 * 10 + 1 + 6);
    expect(centre).toBe(13);
    const at = (dx: number, dy: number) => alpha[(centre + dy) * side + centre + dx]!;
    expect(at(0, 0)).toBe(1);
    expect(at(5, 0)).toBe(1); // d = 5 = R (1 - s): edge of the plateau
    expect(at(7, 0)).toBeCloseTo((1 - 7 / 10) / 0.5, 15);
    expect(at(6, 8)).toBe(0); // d = 10 = R
    expect(alpha[0]).toBe(0);
  });
});

describe("piecewise-affine warp", () => {
  it("is the identity when the control point does not move", () => {
    const { side, alpha } = softDisc(12, 0.4, 6);
    const out = piecewiseAffineWarp(alpha, side, { source: [15.3, 20.7], target: [15.3, 20.7] });
    for (let i = 0; i < alpha.length; i++) expect(out[i]).toBeCloseTo(alpha[i]!, 9);
  });

  it("keeps the canvas border empty when the points are drawn in the disc's square", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const { side, alpha, margin, discSide } = softDisc(10, 0.3, 6);
        const out = piecewiseAffineWarp(alpha, side, drawWarpPoint(createRng(seed), margin, discSide));
        for (let k = 0; k < side; k++) {
          expect(out[k]).toBe(0);
          expect(out[(side - 1) * side + k]).toBe(0);
          expect(out[k * side]).toBe(0);
          expect(out[k * side + side - 1]).toBe(0);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("lesion stamp", () => {
  it("has an alpha peak near scale, opacity at most the alpha peak, and a tight box", () => {
    const rng = createRng(77);
    const ratios: number[] = [];
    for (let k = 0; k < 300; k++) {
      const params = { ...thetaToParams(drawTheta(rng)), radius: 4 + 71 * rng.nextFloat() };
      const s = buildLesionStamp(rng, params);
      // The plateau of the disc has A = 1 exactly; only a plateau under a pixel wide samples below it.
      expect(s.peakAlpha).toBeLessThanOrEqual(params.scale);
      expect(s.peakAlpha).toBeGreaterThan(0.9 * params.scale);
      expect(s.peakOpacity).toBeLessThanOrEqual(s.peakAlpha);
      ratios.push(s.peakOpacity / params.scale);
      const { width: w, height: h, opacity } = s;
      const row = (y: number) => opacity.subarray(y * w, (y + 1) * w).some((v) => v > 0);
      const col = (x: number) => Array.from({ length: h }, (_, y) => opacity[y * w + x]!).some((v) => v > 0);
      expect(row(0) && row(h - 1) && col(0) && col(w - 1)).toBe(true);
    }
    // Texture N = (fBm + 1) / 2 rarely reaches 1 exactly, so the peak opacity sits a little below scale.
    ratios.sort((a, b) => a - b);
    expect(ratios[150]).toBeGreaterThan(0.75);
  });

  it("is reproducible from the seed", () => {
    const params = { res: 3, persistence: 0.5, lacunarity: 2, scale: 0.6, smoothArea: 0.4, radius: 30 };
    expect(buildLesionStamp(createRng(9), params)).toEqual(buildLesionStamp(createRng(9), params));
  });
});
