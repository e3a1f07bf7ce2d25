import type { KindLoader } from "./artifacts/registry.ts";
import type { ModelKind } from "./artifacts/manifest.ts";
import { loadClassifier } from "./classify/load-classifier.ts";

/** How each model kind is compiled from its verified files (used by the worker and by Node). */
export const MODEL_LOADERS: Partial<Record<ModelKind, KindLoader>> = {
  classifier: loadClassifier,
};
