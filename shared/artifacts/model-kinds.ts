import type { Classifier } from "../classify/classifier.ts";
import type { LesionDetector } from "../lesion-detect/detector.ts";
import type { SpnModel } from "../spn/load.ts";
import type { Manifest, ModelKind } from "./manifest.ts";

/**
 * The compiled model each kind's loader produces: what `registry.get(name, kind)` returns, so a
 * caller names the kind (checked against the manifest at run time) and never a type argument.
 */
export interface ModelTypes {
  spn: SpnModel;
  classifier: Classifier;
  "lesion-detector": LesionDetector;
}

/** Turns a verified model's files into its in-memory, compiled form (once per isolate). */
export type KindLoader<T = unknown> = (manifest: Manifest, files: ReadonlyMap<string, Uint8Array>) => T | Promise<T>;

/** One loader per kind, each producing that kind's model type. */
export type KindLoaders = { [K in ModelKind]?: KindLoader<ModelTypes[K]> };

// Fails to compile when ModelKindSchema gains a kind that has no model type here, or loses one.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const kindsMatch: Exact<keyof ModelTypes, ModelKind> = true;
void kindsMatch;
