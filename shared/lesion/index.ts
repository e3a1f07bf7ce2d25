export { simulateLesions, RADIUS_RANGE_1024, type SimulationResult, type LesionReport } from "./simulate-lesions.ts";
export { maxRadiusFor, MIN_IMAGE_SIDE, validateSimulateOptions, type SimulateOptions } from "./simulate-options.ts";
export { renderPhantom, PHANTOM_SIZE_RANGE, type Phantom } from "./phantom.ts";
export {
  compositeLesion,
  COMPOSITING_MODELS,
  DEFAULT_ATTENUATION,
  type Attenuation,
  type CompositingModel,
} from "./compositing.ts";
export {
  thetaToParams,
  validateTheta,
  validateParams,
  PARAM_RANGES,
  THETA_LENGTH,
  type LesionParams,
  type Theta,
} from "./lesion-params.ts";
export { PRESETS, PRESET_NAMES, isPresetName, drawTheta, type PresetName } from "./presets.ts";
export { buildLesionStamp, type LesionStamp } from "./lesion-stamp.ts";
export { fractalNoise, OCTAVE_FILTERS, type FractalNoiseOptions, type OctaveFilter } from "./fractal-noise.ts";
