import type { Rng } from "../numeric/rng.ts";
import { fractalNoise, type OctaveFilter } from "./fractal-noise.ts";
import type { LesionParams } from "./lesion-params.ts";
import { drawWarpPoint, piecewiseAffineWarp } from "./shape-warp.ts";
import { softDisc } from "./soft-disc.ts";

/**
 * One lesion's opacity map p = N * A, cropped to the tight box of its p > 0 pixels. Offsets
 * place that box relative to the lesion centre pixel: box top-left = centre + (offsetX, offsetY).
 */
export interface LesionStamp {
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
  /** Row-major, width * height values in [0, scale]; 0 marks pixels outside the lesion. */
  opacity: Float64Array;
  /** Largest A * scale over the canvas: the alpha map's peak, equal to `scale` up to rounding. */
  peakAlpha: number;
  /** Largest p: what the lesion actually reaches after texturing. */
  peakOpacity: number;
  /** Largest distance from the centre pixel to a p > 0 pixel, for distance-transform placement. */
  reach: number;
}

/**
 * Builds a lesion (Suzuki, Hanaoka & Sato 2022, arXiv 2204.13849): soft disc with smooth area
 * s on a canvas with a half-radius margin, piecewise-affine shape warp, times `scale` -> alpha
 * map A; fractal Perlin noise N with `res` periods across the disc's bounding square, at pixel
 * resolution (octaves finer than the pixels as `octaveFilter` says); opacity p = N * A. Noise is
 * evaluated only where A > 0.
 */
export function buildLesionStamp(
  rng: Rng,
  params: LesionParams & { radius: number },
  octaveFilter?: OctaveFilter,
): LesionStamp {
  const K = Math.ceil(params.radius + 1);
  const disc = softDisc(params.radius, params.smoothArea, Math.ceil(K / 2));
  const { side, centre, discSide, margin } = disc;
  const alpha = piecewiseAffineWarp(disc.alpha, side, drawWarpPoint(rng, margin, discSide));
  const noise = fractalNoise(
    rng,
    side,
    side,
    { ...params, basis: discSide, ...(octaveFilter && { octaveFilter }) },
    alpha,
  );
  let minX = side,
    minY = side,
    maxX = -1,
    maxY = -1;
  let peakAlpha = 0;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = y * side + x;
      const a = alpha[i]! * params.scale;
      if (a > peakAlpha) peakAlpha = a;
      const p = noise[i]! * a;
      alpha[i] = p; // reuse the buffer: alpha now holds p
      if (p > 0) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (maxX < 0) {
    // Noise clamped to 0 over the whole disc (only plausible for tiny discs): keep the centre
    // pixel with a negligible opacity so the lesion box is defined; rounding leaves it unchanged.
    minX = maxX = minY = maxY = centre;
    alpha[centre * side + centre] = Number.MIN_VALUE;
  }
  const width = maxX - minX + 1;
  const height = maxY - minY + 1;
  const opacity = new Float64Array(width * height);
  let peakOpacity = 0;
  let reach2 = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = alpha[(y + minY) * side + x + minX]!;
      opacity[y * width + x] = p;
      if (p > 0) {
        if (p > peakOpacity) peakOpacity = p;
        const dx = x + minX - centre,
          dy = y + minY - centre;
        if (dx * dx + dy * dy > reach2) reach2 = dx * dx + dy * dy;
      }
    }
  }
  return {
    width,
    height,
    offsetX: minX - centre,
    offsetY: minY - centre,
    opacity,
    peakAlpha,
    peakOpacity,
    reach: Math.sqrt(reach2),
  };
}
