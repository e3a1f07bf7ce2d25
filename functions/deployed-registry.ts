import { env } from "cloudflare:workers";
import { MODEL_MANIFESTS } from "../models/index.ts";
import { ModelRegistry } from "../shared/artifacts/registry.ts";
import { MODEL_LOADERS } from "../shared/models.ts";
import type { Env } from "./env.ts";
import { r2ModelSource } from "./r2-model-source.ts";

/**
 * The registry over the deployed model index (bundled manifests) and the MODELS R2 bucket,
 * created once per isolate: each model is fetched, checked and compiled on first use and kept.
 */
export const deployedRegistry = new ModelRegistry(
  r2ModelSource(MODEL_MANIFESTS, () => (env as Env).MODELS),
  MODEL_LOADERS,
);
