import { cloneGrayImage, grayMax, type BinaryMask, type GrayImage } from "../image/gray-image.ts";
import type { Rng } from "../numeric/rng.ts";
import {
  compositeLesion,
  DEFAULT_ATTENUATION,
  DEFAULT_COMPOSITING_MODEL,
  type Attenuation,
  type CompositingModel,
} from "./compositing.ts";
import { thetaToParams, type LesionParams, type Theta } from "./lesion-params.ts";
import { buildLesionStamp } from "./lesion-stamp.ts";
import { indexMask, placeByDarkness, placeInMask, type MaskIndex, type Placement } from "./placement.ts";
import { drawTheta, PRESETS } from "./presets.ts";
import { maxRadiusFor, validateSimulateOptions, type SimulateOptions } from "./simulate-options.ts";

export type { SimulateOptions } from "./simulate-options.ts";

export interface LesionReport {
  /** Tight box of the lesion's p > 0 pixels: [x, y, width, height]. */
  bbox: [number, number, number, number];
  /** Centre pixel of the (pre-warp) disc. */
  center: [number, number];
  radius: number;
  params: LesionParams & { radius: number };
  /** The theta the params came from, when they came from one (given, drawn or from a preset). */
  theta?: Theta;
  /** Largest opacity p actually reached (at most params.scale). */
  peakOpacity: number;
  placement: "mask" | "darkness";
  /** The relaxed darkness threshold that accepted the centre (darkness placement only). */
  darknessThreshold?: number;
}

export interface SimulationResult {
  image: GrayImage;
  /** Union of the lesions' p > 0 pixels: 255 inside, 0 outside. */
  mask: BinaryMask;
  lesions: LesionReport[];
  model: CompositingModel;
  /** Present when model is "attenuation" or "beer-lambert". */
  attenuation?: Attenuation;
  /** Per lesion, its opacity map over `bbox` (row-major). Applied in order; not meant for JSON. */
  opacityMaps: Float64Array[];
}

/** Radius at 1024 px is U[20, 75) (the paper's code); scaled by min(width, height) / 1024. */
export const RADIUS_RANGE_1024 = [20, 75] as const;

function drawCount(rng: Rng): number {
  const u = rng.nextFloat();
  return u < 0.93 ? 1 : u < 0.97 ? 2 : 3;
}

function drawRadius(rng: Rng, image: GrayImage): number {
  const [lo, hi] = RADIUS_RANGE_1024;
  const r = ((lo + (hi - lo) * rng.nextFloat()) * Math.min(image.width, image.height)) / 1024;
  return Math.min(maxRadiusFor(image), Math.max(2, r));
}

/**
 * Adds 1–3 simulated pneumonia-like lesions to a radiograph (Suzuki, Hanaoka & Sato 2022,
 * arXiv 2204.13849): per lesion, parameters (theta, params or preset), a textured soft warped
 * disc (buildLesionStamp), a centre inside the lung mask or by the darkness test, and
 * compositing by the chosen model. Inputs are not mutated; the same rng state and options
 * give byte-identical output.
 */
export function simulateLesions(rng: Rng, options: SimulateOptions): SimulationResult {
  validateSimulateOptions(options);
  const { mask: lungMask, theta, params, preset, model = DEFAULT_COMPOSITING_MODEL } = options;
  const attenuation = options.attenuation ?? DEFAULT_ATTENUATION;
  const image = cloneGrayImage(options.image);
  const { width, height } = image;
  const max = grayMax(image.bitDepth);
  let ceiling = 0; // the image's own maximum, before any lesion: "attenuation" never exceeds it
  for (let i = 0; i < image.data.length; i++) if (image.data[i]! > ceiling) ceiling = image.data[i]!;
  const lesionMask = new Uint8Array(width * height);
  const maskIndex: MaskIndex | null = lungMask ? indexMask(lungMask) : null;
  const count = options.count ?? drawCount(rng);
  const lesions: LesionReport[] = [];
  const opacityMaps: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    let lesionTheta: Theta | undefined;
    if (theta !== undefined) lesionTheta = theta as unknown as Theta;
    else if (params === undefined) lesionTheta = drawTheta(rng, preset === undefined ? undefined : PRESETS[preset]);
    const base = lesionTheta ? thetaToParams(lesionTheta) : params!;
    const radius = params?.radius ?? drawRadius(rng, image);
    const full = {
      res: base.res,
      persistence: base.persistence,
      lacunarity: base.lacunarity,
      scale: base.scale,
      smoothArea: base.smoothArea,
      radius,
    };
    const stamp = buildLesionStamp(rng, full, options.octaveFilter);
    const placed: Placement & { threshold?: number } = maskIndex
      ? placeInMask(rng, stamp, maskIndex)
      : placeByDarkness(rng, stamp, image);
    const { box } = placed;
    compositeLesion(image.data, width, box, stamp.opacity, max, model, attenuation, ceiling);
    for (let y = 0; y < box.height; y++) {
      for (let x = 0; x < box.width; x++) {
        if (stamp.opacity[y * box.width + x]! > 0) lesionMask[(box.y + y) * width + box.x + x] = 255;
      }
    }
    const report: LesionReport = {
      bbox: [box.x, box.y, box.width, box.height],
      center: [placed.centerX, placed.centerY],
      radius,
      params: full,
      peakOpacity: stamp.peakOpacity,
      placement: maskIndex ? "mask" : "darkness",
    };
    if (lesionTheta) report.theta = lesionTheta;
    if (placed.threshold !== undefined) report.darknessThreshold = placed.threshold;
    lesions.push(report);
    opacityMaps.push(stamp.opacity);
  }
  const result: SimulationResult = { image, mask: { width, height, data: lesionMask }, lesions, model, opacityMaps };
  if (model !== "linear") result.attenuation = attenuation;
  return result;
}
