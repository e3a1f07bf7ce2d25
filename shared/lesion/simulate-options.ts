import { CoreError, InvalidInputError } from "../errors.ts";
import { assertBinaryMask, assertGrayImage, type BinaryMask, type GrayImage } from "../image/gray-image.ts";
import {
  COMPOSITING_MODELS,
  DEFAULT_COMPOSITING_MODEL,
  validateAttenuation,
  type Attenuation,
  type CompositingModel,
} from "./compositing.ts";
import { OCTAVE_FILTERS, type OctaveFilter } from "./fractal-noise.ts";
import { validateParams, validateTheta, type LesionParams } from "./lesion-params.ts";
import { isPresetName, PRESET_NAMES, type PresetName } from "./presets.ts";

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
  /** Default "attenuation" (anatomy visible under the lesion); "linear" is the paper's model. */
  model?: CompositingModel;
  /** Used by "attenuation" and "beer-lambert"; default DEFAULT_ATTENUATION. */
  attenuation?: Attenuation;
  /** Texture octaves finer than the pixels: default "band-limit" (see fractalNoise). */
  octaveFilter?: OctaveFilter;
}

export const MIN_IMAGE_SIDE = 16;

/** Largest radius whose canvas (side 2 ceil(r + 1) + 1) fits in the image. */
export function maxRadiusFor(image: { width: number; height: number }): number {
  return Math.floor((Math.min(image.width, image.height) - 1) / 2) - 2;
}

/**
 * Throws InvalidInputError (pointer into the options, e.g. "/theta/2", "/params/scale",
 * "/count") or CoreError("mask-size-mismatch") for options simulateLesions cannot honour.
 */
export function validateSimulateOptions(options: SimulateOptions): void {
  assertGrayImage(options.image, "/image");
  const { image, mask, count, theta, params, preset, model = DEFAULT_COMPOSITING_MODEL } = options;
  if (Math.min(image.width, image.height) < MIN_IMAGE_SIDE) {
    throw new InvalidInputError("/image", `image must be at least ${MIN_IMAGE_SIDE} px on each side`);
  }
  if (mask !== undefined) {
    if (mask.width !== image.width || mask.height !== image.height) {
      throw new CoreError(
        "mask-size-mismatch",
        `mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`,
      );
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
  if (options.octaveFilter !== undefined && !OCTAVE_FILTERS.includes(options.octaveFilter)) {
    throw new InvalidInputError("/octaveFilter", `octaveFilter must be one of ${OCTAVE_FILTERS.join(", ")}`);
  }
}
