import type { ManifestFile } from "../shared/artifacts/manifest.ts";
import { modelObjectKey } from "../shared/artifacts/object-key.ts";
import type { ModelSource } from "../shared/artifacts/registry.ts";
import { ArtifactIntegrityError, ModelUnavailableError } from "../shared/errors.ts";

/** The part of an R2 bucket binding the source uses (Node's tsconfig, which checks env.ts, has no workers types). */
export interface ModelBucket {
  get(key: string): Promise<StoredObject | null>;
}
interface StoredObject {
  size: number;
  body: ReadableStream;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A model that failed to load stays refused this long before a request tries again: long enough
 * that a tampered 7 MB object is not fetched and hashed on every request, short enough that
 * `npm run models:push` repairs a model without a redeployment.
 */
export const R2_RETRY_AFTER_MS = 30_000; // = 30 s

/**
 * Model files from an R2 bucket, keyed `<model>/<sha256>/<file>` (object-key.ts). The manifests
 * come from the deployed model index (bundled, models/index.ts), never from the bucket: the sha256
 * pins the registry checks must not come from the storage they check. `bucket` is read per call because the
 * binding is part of the environment, not of the module.
 */
export function r2ModelSource(
  manifests: Readonly<Record<string, ArrayBuffer>>,
  bucket: () => ModelBucket | undefined,
  retryAfterMs = R2_RETRY_AFTER_MS,
): ModelSource {
  return {
    names: () => Object.keys(manifests),
    retryAfterMs,
    read: async (model, file, expected) => {
      if (!Object.hasOwn(manifests, model)) return undefined;
      if (file === "manifest.json") return new Uint8Array(manifests[model]!);
      if (expected === undefined) return undefined; // a file no manifest lists has no key
      const r2 = bucket();
      if (!r2) throw new ModelUnavailableError(model, "no MODELS R2 bucket is bound (wrangler.toml [[r2_buckets]])");
      const key = modelObjectKey(model, expected);
      const object = await getObject(r2, model, key);
      if (!object) {
        throw new ArtifactIntegrityError(
          model,
          file,
          `is missing from the MODELS bucket as "${key}" (upload it: npm run models:push -- models/${model} --remote)`,
        );
      }
      refuseWrongSize(model, file, object, expected);
      return new Uint8Array(await object.arrayBuffer());
    },
  };
}

async function getObject(r2: ModelBucket, model: string, key: string): Promise<StoredObject | null> {
  try {
    return await r2.get(key);
  } catch (e) {
    throw new ModelUnavailableError(model, `reading "${key}" from the MODELS bucket failed: ${(e as Error).message}`);
  }
}

/** Checked before the body is read, so a swapped-in huge object cannot exhaust the isolate's 128 MB. */
function refuseWrongSize(model: string, file: string, object: StoredObject, expected: ManifestFile): void {
  if (object.size === expected.bytes) return;
  throw new ArtifactIntegrityError(
    model,
    file,
    `has ${object.size} bytes in the MODELS bucket, manifest says ${expected.bytes}`,
  );
}
