import type { Rng } from "../numeric/rng.ts";

export interface FractalNoiseOptions {
  /** Grid periods of octave 0 across `basis` pixels (default: the sampled width and height). */
  res: number;
  persistence: number;
  lacunarity: number;
  /** 5 in the paper's code. */
  octaves?: number;
  /** How octaves finer than the pixel grid are treated (default "band-limit"); see fractalNoise. */
  octaveFilter?: OctaveFilter;
  /** Pixels spanned by `res` periods, when the sampled area is larger than the textured object. */
  basis?: number;
}

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
function pixelOffsets(count: number): { x: Float64Array; y: Float64Array } {
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

const GRADIENT_COUNT = 1024; // directions 2 pi k / 1024: indistinguishable from uniform angles at lesion scale
const GRAD_X = new Float64Array(GRADIENT_COUNT);
const GRAD_Y = new Float64Array(GRADIENT_COUNT);
for (let k = 0; k < GRADIENT_COUNT; k++) {
  GRAD_X[k] = Math.cos((2 * Math.PI * k) / GRADIENT_COUNT);
  GRAD_Y[k] = Math.sin((2 * Math.PI * k) / GRADIENT_COUNT);
}

/**
 * Gradient index of lattice point (ix, iy) for one octave: murmur3's fmix32 finaliser over a
 * mix of the coordinates and the octave seed. Hashing instead of storing a random gradient
 * grid lets an octave with thousands of periods cost nothing until a pixel touches it.
 */
function gradientIndex(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix, 0x8da6b343) ^ Math.imul(iy, 0xd8163841) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 22; // top 10 bits: 0 .. 1023
}

/** Perlin's improved fade 6t^5 - 15t^4 + 10t^3 (Perlin 2002, "Improving Noise", eq. for s-curve). */
function fade(t: number): number {
  return t * t * t * (t * (t * 6 - 15) + 10);
}

/** Gradient noise of one octave at lattice coordinate (u, v): about [-1/sqrt(2), 1/sqrt(2)]. */
function gradientNoise(u: number, v: number, seed: number): number {
  const ix = Math.floor(u) | 0;
  const iy = Math.floor(v) | 0;
  const fx = u - ix;
  const fy = v - iy;
  const g00 = gradientIndex(ix, iy, seed);
  const g10 = gradientIndex(ix + 1, iy, seed);
  const g01 = gradientIndex(ix, iy + 1, seed);
  const g11 = gradientIndex(ix + 1, iy + 1, seed);
  const n00 = GRAD_X[g00]! * fx + GRAD_Y[g00]! * fy;
  const n10 = GRAD_X[g10]! * (fx - 1) + GRAD_Y[g10]! * fy;
  const n01 = GRAD_X[g01]! * fx + GRAD_Y[g01]! * (fy - 1);
  const n11 = GRAD_X[g11]! * (fx - 1) + GRAD_Y[g11]! * (fy - 1);
  const ux = fade(fx);
  const top = n00 + ux * (n10 - n00);
  const bottom = n01 + ux * (n11 - n01);
  return top + fade(fy) * (bottom - top);
}

/**
 * Adds one octave, as its mean over the pixel's area from `count` subsamples (see
 * subsamplesPerPixel), times sqrt(2) and `amplitude`, to `out` where `where` is positive (all
 * pixels when null).
 */
function addAreaMeanOctave(
  out: Float64Array,
  where: Float64Array | null,
  width: number,
  height: number,
  frequency: number,
  amplitude: number,
  seed: number,
  count: number,
): void {
  const { x: offsetX, y: offsetY } = pixelOffsets(count);
  const weight = (amplitude * Math.SQRT2) / count;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (where !== null && !(where[row + x]! > 0)) continue;
      let sum = 0;
      for (let k = 0; k < count; k++)
        sum += gradientNoise((x + offsetX[k]!) * frequency, (y + offsetY[k]!) * frequency, seed);
      out[row + x]! += weight * sum;
    }
  }
}

/**
 * Adds one octave of 2-D gradient noise, times sqrt(2) so its range is about [-1, 1], to `out`
 * (weighted by `amplitude`) at the pixels where `where` is positive (all pixels when null).
 * Pixel (x, y) samples lattice coordinate (x * frequency, y * frequency), frequency in periods
 * per pixel: the same sampling as perlin-numpy's mgrid, computed directly at the target resolution.
 */
function addOctave(
  out: Float64Array,
  where: Float64Array | null,
  width: number,
  height: number,
  frequency: number,
  amplitude: number,
  seed: number,
): void {
  const ixs = new Int32Array(width);
  const fxs = new Float64Array(width);
  const uxs = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const u = x * frequency;
    ixs[x] = Math.floor(u);
    fxs[x] = u - ixs[x]!;
    uxs[x] = fade(fxs[x]!);
  }
  const weight = amplitude * Math.SQRT2;
  for (let y = 0; y < height; y++) {
    const v = y * frequency;
    const iy = Math.floor(v);
    const fy = v - iy;
    const uy = fade(fy);
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (where !== null && !(where[row + x]! > 0)) continue;
      const ix = ixs[x]!;
      const fx = fxs[x]!;
      const g00 = gradientIndex(ix, iy, seed);
      const g10 = gradientIndex(ix + 1, iy, seed);
      const g01 = gradientIndex(ix, iy + 1, seed);
      const g11 = gradientIndex(ix + 1, iy + 1, seed);
      const n00 = GRAD_X[g00]! * fx + GRAD_Y[g00]! * fy;
      const n10 = GRAD_X[g10]! * (fx - 1) + GRAD_Y[g10]! * fy;
      const n01 = GRAD_X[g01]! * fx + GRAD_Y[g01]! * (fy - 1);
      const n11 = GRAD_X[g11]! * (fx - 1) + GRAD_Y[g11]! * (fy - 1);
      const ux = uxs[x]!;
      const top = n00 + ux * (n10 - n00);
      const bottom = n01 + ux * (n11 - n01);
      out[row + x]! += weight * (top + uy * (bottom - top));
    }
  }
}

/**
 * Fractal (fBm) Perlin noise mapped to [0, 1], as in the lesion model of Suzuki, Hanaoka & Sato
 * 2022 (arXiv 2204.13849): octave k has res * lacunarity^k periods and amplitude
 * persistence^k; N = clamp((sum + 1) / 2, 0, 1). Gradients are random unit vectors (Perlin
 * 2002 uses 12 fixed ones; the paper's code draws angles uniformly, which we follow), seeded
 * per octave from `rng`. Pixels where `where` is not positive are left at 0 and skipped.
 *
 * Octaves finer than the pixels: the paper's code renders the noise on a fine grid and resizes
 * it to the lesion, which low-passes it. Point samples at the lesion's resolution would alias
 * octaves finer than 2 px (e.g. res 5, lacunarity 4: 1280 periods over a 150 px lesion) into
 * white speckle; dropping them instead (the former "fade") takes octaves 3–4 away at lacunarity
 * 3–4, so lacunarity barely changes the texture. By default ("band-limit") each pixel is the
 * octave's mean over the pixel's area, which keeps what a fine render and an area resize keep
 * (octaves beyond 4 periods per pixel keep almost nothing and are skipped: subsamplesPerPixel). Octaves
 * with periods of 4 px or more are point-sampled in every mode, so those pixels are unchanged.
 * Every octave still draws its seed, so the random stream does not depend on the resolution.
 */
export function fractalNoise(
  rng: Rng,
  width: number,
  height: number,
  options: FractalNoiseOptions,
  where: Float64Array | null = null,
): Float64Array {
  const {
    res,
    persistence,
    lacunarity,
    octaves = 5,
    octaveFilter = "band-limit",
    basis = Math.min(width, height),
  } = options;
  const fbm = new Float64Array(width * height);
  let periods = res;
  let amplitude = 1;
  for (let k = 0; k < octaves; k++) {
    const seed = rng.nextUint32() | 0;
    const frequency = periods / basis;
    const count = octaveFilter === "band-limit" ? subsamplesPerPixel(frequency) : 1;
    const weight = octaveFilter === "fade" ? antiAliasWeight(frequency) : 1;
    if (count > 1) addAreaMeanOctave(fbm, where, width, height, frequency, amplitude, seed, count);
    else if (count === 1 && weight > 0) addOctave(fbm, where, width, height, frequency, amplitude * weight, seed);
    periods *= lacunarity;
    amplitude *= persistence;
  }
  for (let i = 0; i < fbm.length; i++) {
    const n = (fbm[i]! + 1) / 2;
    fbm[i] = n < 0 ? 0 : n > 1 ? 1 : n;
  }
  if (where !== null) for (let i = 0; i < fbm.length; i++) if (!(where[i]! > 0)) fbm[i] = 0;
  return fbm;
}
