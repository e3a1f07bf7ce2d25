/**
 * The core as a library: everything here runs in Node and in workerd, with no HTTP in it.
 * Node-only adapters (models from disk, onnxruntime-node) are in "probable-edge/node".
 */
export * from "./errors.ts";
export * from "./numeric/rng.ts";
export * from "./numeric/log-space.ts";
export * from "./artifacts/manifest.ts";
export * from "./artifacts/registry.ts";
export * from "./artifacts/sha256.ts";
export * from "./models.ts";
export * from "./uncertainty/scores.ts";
export * from "./spn/index.ts";
export * from "./calibration/temperature.ts";
export * from "./calibration/metrics.ts";
export { decodeImage, encodePng, type GrayImage, type BinaryMask } from "./image/index.ts";
export { simulateLesions, renderPhantom, type SimulateOptions, type SimulationResult } from "./lesion/index.ts";
export type { Classifier } from "./classify/classifier.ts";
export { applyTextPipeline, EMAIL_PIPELINE, TEXT_STEPS, type TextStep } from "./text/pipeline.ts";
export * from "./uncertainty/request.ts";
