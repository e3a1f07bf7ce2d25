import { CoreError, InvalidInputError } from "../errors.ts";
import { assertBinaryMask, assertGrayImage, cloneGrayImage, grayMax, type BinaryMask, type GrayImage } from "../image/gray-image.ts";
import type { Rng } from "../numeric/rng.ts";
import { compositeLesion, COMPOSITING_MODELS, DEFAULT_ATTENUATION, validateAttenuation, type Attenuation, type CompositingModel } from "./compositing.ts";
import { thetaToParams, validateParams, validateTheta, type LesionParams, type Theta } from "./lesion-params.ts";
import { buildLesionStamp } from "./lesion-stamp.ts";
import { indexMask, placeByDarkness, placeInMask, type MaskIndex, type Placement } from "./placement.ts";
import { drawTheta, isPresetName, PRESET_NAMES, PRESETS, type PresetName } from "./presets.ts";

export interface SimulateOptions {
  image: GrayImage;
  /** Lung mask, same size as the image, nonzero = lung. Without it the darkness test places lesions. */
  mask?: BinaryMask;
  /** 1..3; drawn 1/2/3 with probabilities 0.93/0.04/0.03 when omitted (the paper's code). */
  count?: number;
  /** At most one of theta, params, preset; theta is drawn uniformly per lesion when none is given. */
  theta?: readonly number[];
  params?: LesionParams;
  preset?: PresetName;
  /** Default "linear", the paper's model. */
  model?: CompositingModel;
  /** Used by "beer-lambert" only; default DEFAULT_ATTENUATION. */
  attenuation?: Attenuation;
}

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
  /** Present when model is "beer-lambert". */
  attenuation?: Attenuation;
  /** Per lesion, its opacity map over `bbox` (row-major). Applied in order; not meant for JSON. */
  opacityMaps: Float64Array[];
}

/** Radius at 1024 px is U[20, 75) (the paper's code); scaled by min(width, height) / 1024. */
export const RADIUS_RANGE_1024 = [20, 75] as const;
export const MIN_IMAGE_SIDE = 16;

/** Largest radius whose canvas (side 2 ceil(r + 1) + 1) fits in the image. */
export function maxRadiusFor(image: { width: number; height: number }): number {
  return Math.floor((Math.min(image.width, image.height) - 1) / 2) - 2;
}

function drawCount(rng: Rng): number {
  const u = rng.nextFloat();
  return u < 0.93 ? 1 : u < 0.97 ? 2 : 3;
}

function drawRadius(rng: Rng, image: GrayImage): number {
  const [lo, hi] = RADIUS_RANGE_1024;
  const r = ((lo + (hi - lo) * rng.nextFloat()) * Math.min(image.width, image.height)) / 1024;
  return Math.min(maxRadiusFor(image), Math.max(2, r));
}

function validate(options: SimulateOptions): void {
  assertGrayImage(options.image, "/image");
  const { image, mask, count, theta, params, preset, model = "linear" } = options;
  if (Math.min(image.width, image.height) < MIN_IMAGE_SIDE) {
    throw new InvalidInputError("/image", `image must be at least ${MIN_IMAGE_SIDE} px on each side`);
  }
  if (mask !== undefined) {
    if (mask.width !== image.width || mask.height !== image.height) {
      throw new CoreError("mask-size-mismatch", `mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
    }
    assertBinaryMask(mask, "/mask");
  }
  if (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= 3)) {
    throw new InvalidInputError("/count", `count must be 1, 2 or 3, got ${String(count)}`);
  }
  const given = [theta, params, preset].filter((x) => x !== undefined).length;
  if (given > 1) throw new InvalidInputError("/theta", "give at most one of theta, params and preset");
  if (theta !== undefined) validateTheta(theta);
  if (params !== undefined) validateParams(params, maxRadiusFor(image));
  if (preset !== undefined && !isPresetName(preset)) {
    throw new InvalidInputError("/preset", `preset must be one of ${PRESET_NAMES.join(", ")}`);
  }
  if (!COMPOSITING_MODELS.includes(model)) {
    throw new InvalidInputError("/model", `model must be one of ${COMPOSITING_MODELS.join(", ")}`);
  }
  if (options.attenuation !== undefined) validateAttenuation(options.attenuation);
}

/**
 * Adds 1–3 simulated pneumonia-like lesions to a radiograph (Suzuki, Hanaoka & Sato 2022,
 * arXiv 2204.13849): per lesion, parameters (theta, params or preset), a textured soft warped
 * disc (buildLesionStamp), a centre inside the lung mask or by the darkness test, and
 * compositing by the chosen model. Inputs are not mutated; the same rng state and options
 * give byte-identical output.
 */
export function simulateLesions(rng: Rng, options: SimulateOptions): SimulationResult {
  validate(options);
  const { mask: lungMask, theta, params, preset, model = "linear" } = options;
  const attenuation = options.attenuation ?? DEFAULT_ATTENUATION;
  const image = cloneGrayImage(options.image);
  const { width, height } = image;
  const max = grayMax(image.bitDepth);
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
    const full = { res: base.res, persistence: base.persistence, lacunarity: base.lacunarity, scale: base.scale, smoothArea: base.smoothArea, radius };
    const stamp = buildLesionStamp(rng, full);
    const placed: Placement & { threshold?: number } = maskIndex
      ? placeInMask(rng, stamp, maskIndex)
      : placeByDarkness(rng, stamp, image);
    const { box } = placed;
    compositeLesion(image.data, width, box, stamp.opacity, max, model, attenuation);
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
  if (model === "beer-lambert") result.attenuation = attenuation;
  return result;
}
