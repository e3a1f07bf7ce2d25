/**
 * The core as a library: everything here runs in Node and in workerd, with no HTTP in it.
 * Node-only adapters (reading models from disk) are in shared/node/.
 */
export * from "./errors.ts";
export * from "./numeric/rng.ts";
export * from "./numeric/log-space.ts";
export * from "./artifacts/manifest.ts";
export * from "./artifacts/registry.ts";
export * from "./artifacts/sha256.ts";
export * from "./models.ts";
export * from "./uncertainty/scores.ts";
