/**
 * Node adapters for the core: models read from a directory on disk, classifiers run with
 * onnxruntime-node. `import { openModels } from "probable-edge/node"`.
 */
import { ModelRegistry, type KindLoaders } from "../artifacts/registry.ts";
import { classifierLoader } from "../classify/loader.ts";
import { detectorLoader } from "../lesion-detect/loader.ts";
import { MODEL_LOADERS } from "../models.ts";
import { directorySource } from "./model-source.ts";
import { createNodeSession } from "./onnx-session.ts";

export { directorySource, modelNamesIn } from "./model-source.ts";
export { createNodeSession } from "./onnx-session.ts";

/** The loaders of the worker, with ONNX models on onnxruntime-node instead of ONNX Runtime Web. */
export const NODE_MODEL_LOADERS: KindLoaders = {
  ...MODEL_LOADERS,
  classifier: classifierLoader(createNodeSession),
  "lesion-detector": detectorLoader(createNodeSession),
};

/** A registry over a models/ directory (sha256-checked on first use, compiled once). */
export function openModels(dir = "models"): ModelRegistry {
  return new ModelRegistry(directorySource(dir), NODE_MODEL_LOADERS);
}
