import { env } from "cloudflare:test";
import { MODEL_MANIFESTS } from "../../models/index.ts";
import { ManifestSchema } from "../../shared/artifacts/manifest.ts";
import { modelObjectKey } from "../../shared/artifacts/object-key.ts";

/** The key of a deployed model's file in MODELS (or SCRATCH_MODELS). */
export function keyOf(model: string, path: string): string {
  const file = deployedManifest(model).files.find((f) => f.path === path);
  if (!file) throw new Error(`${model} has no file ${path}`);
  return modelObjectKey(model, file);
}

/** The MODELS bucket (seeded from models/ by models-bucket.setup.ts) and a scratch one to tamper with. */
export const buckets = env as unknown as { MODELS: R2Bucket; SCRATCH_MODELS: R2Bucket };

export function deployedManifest(model: string) {
  const bytes = MODEL_MANIFESTS[model];
  if (!bytes) throw new Error(`no model "${model}" in models/index.ts`);
  return ManifestSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
}

/** A deployed model's files as the worker reads them: its bundled manifest, the rest from MODELS. */
export async function modelFiles(model: string): Promise<Record<string, ArrayBuffer>> {
  const files: Record<string, ArrayBuffer> = { "manifest.json": MODEL_MANIFESTS[model]! };
  for (const file of deployedManifest(model).files) {
    const object = await buckets.MODELS.get(modelObjectKey(model, file));
    if (!object) throw new Error(`${modelObjectKey(model, file)} is not in the MODELS bucket`);
    files[file.path] = await object.arrayBuffer();
  }
  return files;
}
