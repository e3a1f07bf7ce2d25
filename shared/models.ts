import { fileWithRole, type KindLoaders } from "./artifacts/registry.ts";
import { loadClassifier } from "./classify/load-classifier.ts";
import { detectorLoader } from "./lesion-detect/loader.ts";
import { createSession } from "./onnx/session.ts";
import { loadSpn } from "./spn/load.ts";

const decoder = new TextDecoder();

/** How each model kind is compiled from its verified files (used by the worker and by Node). */
export const MODEL_LOADERS: KindLoaders = {
  spn: (manifest, files) => loadSpn(decoder.decode(fileWithRole(manifest, files, "spn")), manifest.name),
  classifier: loadClassifier,
  "lesion-detector": detectorLoader(createSession),
};
