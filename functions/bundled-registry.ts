import { MODEL_FILES } from "../models/index.ts";
import { memorySource, ModelRegistry } from "../shared/artifacts/registry.ts";
import { MODEL_LOADERS } from "../shared/models.ts";

/** The registry over the models bundled into this worker, created once per isolate. */
export const bundledRegistry = new ModelRegistry(memorySource(MODEL_FILES), MODEL_LOADERS);
