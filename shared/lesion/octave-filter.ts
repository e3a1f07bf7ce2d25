/** How fractalNoise treats octaves finer than the pixel grid (fractal-noise.ts). */

/**
 * "band-limit": each pixel is the mean of its octave over the pixel's area (supersampled), as
 * when the paper's code renders the noise on a fine grid and resizes it; fine octaves keep the
 * power that survives that low-pass. "fade": the former rule, octaves fade out between periods
 * of 4 and 2 px (antiAliasWeight) — kept so that data generated with it can be reproduced.
 * "none": point samples, aliasing as they fall.
 */
export type OctaveFilter = "band-limit" | "fade" | "none";
export const OCTAVE_FILTERS: readonly OctaveFilter[] = ["band-limit", "fade", "none"];

/** Octaves with more periods per pixel than this keep almost nothing after the area mean. */
export const FINEST_BAND_LIMITED = 4;

/**
 * Subsamples per pixel for an octave with `cyclesPerPixel` lattice periods per pixel: 1 while
 * point samples are safe (periods of 4 px and more), else at least two per period on each axis
 * (the subsample grid's own Nyquist rate), and 0 beyond FINEST_BAND_LIMITED periods per pixel:
 * gradient noise has little power at low frequencies, so the area mean of such an octave keeps
 * under 10 % of its spread (measured: 0.08 at 4.7 periods per pixel, falling faster than 1/f) —
 * not worth 81+ evaluations per pixel.
 */
export function subsamplesPerPixel(cyclesPerPixel: number): number {
  if (cyclesPerPixel <= 0.25) return 1;
  if (cyclesPerPixel > FINEST_BAND_LIMITED) return 0;
  return Math.max(2, Math.ceil(2 * cyclesPerPixel)) ** 2;
}

/**
 * Offsets in [-1/2, 1/2)² of `count` subsamples: Roberts' R2 low-discrepancy sequence. Evenly
 * spread like a grid, but never a grid, so an octave whose period divides the grid step cannot
 * put every subsample on a lattice point, where gradient noise is 0.
 */
export function pixelOffsets(count: number): { x: Float64Array; y: Float64Array } {
  const g = 1.324717957244746; // the plastic number: R2's generator
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    x[k] = ((0.5 + (k + 1) / g) % 1) - 0.5;
    y[k] = ((0.5 + (k + 1) / (g * g)) % 1) - 0.5;
  }
  return { x, y };
}

/**
 * Weight of an octave with `cyclesPerPixel` lattice periods per pixel under "fade": 1 up to a
 * period of 4 px, fading linearly to 0 at the Nyquist period of 2 px.
 */
export function antiAliasWeight(cyclesPerPixel: number): number {
  return Math.min(1, Math.max(0, (0.5 - cyclesPerPixel) / 0.25));
}
