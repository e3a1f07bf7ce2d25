import { InvalidInputError } from "../errors.ts";

/**
 * Parameters of one simulated lesion (Suzuki, Hanaoka & Sato 2022, arXiv 2204.13849, section
 * 2.1): the fractal Perlin texture (res, persistence, lacunarity), the peak opacity (scale),
 * the soft edge (smoothArea) and the disc radius in pixels.
 */
export interface LesionParams {
  /** Grid periods of the first noise octave across the lesion's bounding square. */
  res: number;
  /** Amplitude ratio between successive octaves. */
  persistence: number;
  /** Frequency ratio between successive octaves. */
  lacunarity: number;
  /** Peak of the alpha map, i.e. the largest opacity the lesion can reach. */
  scale: number;
  /** Outer fraction of the radius over which the disc ramps from 1 to 0. */
  smoothArea: number;
  /** Disc radius in pixels; drawn from U[20, 75) * min(width, height) / 1024 when omitted. */
  radius?: number;
}

/** The paper's normalised parameter vector theta in [0, 1]^5. */
export type Theta = readonly [number, number, number, number, number];

export const THETA_LENGTH = 5;

/** Accepted ranges for explicit params; the theta mapping stays inside them. */
export const PARAM_RANGES = {
  res: [1, 8],
  persistence: [0, 1],
  lacunarity: [1, 4],
  scale: [0.01, 1],
  smoothArea: [0.05, 1],
} as const satisfies Record<Exclude<keyof LesionParams, "radius">, readonly [number, number]>;

/**
 * The paper's mapping theta -> params (table in docs/lesion-sim.md). The floors make res and
 * lacunarity integers; theta = 1 exactly is clamped to the top of the range (5 and 4) so the
 * closed interval [0, 1] stays valid.
 */
export function thetaToParams(theta: Theta): Omit<LesionParams, "radius"> {
  return {
    res: Math.min(5, Math.floor(2 + 4 * theta[0])),
    persistence: 0.2 + 0.8 * theta[1],
    lacunarity: Math.min(4, Math.floor(2 + 3 * theta[2])),
    scale: 0.1 + 0.9 * theta[3],
    smoothArea: 0.2 + 0.6 * theta[4],
  };
}

/** Throws InvalidInputError("/theta/i") unless theta is five finite numbers in [0, 1]. */
export function validateTheta(theta: readonly number[], pointer = "/theta"): Theta {
  if (!Array.isArray(theta) || theta.length !== THETA_LENGTH) {
    throw new InvalidInputError(pointer, `theta must have ${THETA_LENGTH} entries`);
  }
  theta.forEach((t, i) => {
    if (typeof t !== "number" || !(t >= 0 && t <= 1)) {
      throw new InvalidInputError(`${pointer}/${i}`, `theta[${i}] must be a number in [0, 1], got ${t}`);
    }
  });
  return theta as unknown as Theta;
}

/**
 * Throws InvalidInputError("/params/<name>") for any value outside PARAM_RANGES, or a radius
 * outside [2, maxRadius] (maxRadius depends on the image size).
 */
export function validateParams(params: LesionParams, maxRadius: number, pointer = "/params"): LesionParams {
  for (const [name, [lo, hi]] of Object.entries(PARAM_RANGES)) {
    const v = (params as unknown as Record<string, unknown>)[name];
    if (typeof v !== "number" || !(v >= lo && v <= hi)) {
      throw new InvalidInputError(`${pointer}/${name}`, `${name} must be a number in [${lo}, ${hi}], got ${String(v)}`);
    }
  }
  const r = params.radius;
  if (r !== undefined && (typeof r !== "number" || !(r >= 2 && r <= maxRadius))) {
    throw new InvalidInputError(
      `${pointer}/radius`,
      `radius must be in [2, ${maxRadius}] px for this image, got ${String(r)}`,
    );
  }
  return params;
}
