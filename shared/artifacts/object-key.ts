import type { ManifestFile } from "./manifest.ts";

/**
 * Where a model file lives in object storage: `<model>/<sha256>/<file>`. Keyed by content, so
 * pushing a retrained model beside the old one leaves the deployed worker's files in place until
 * the deployment whose manifests pin the new hashes (no window in which either side is missing).
 */
export function modelObjectKey(model: string, file: Pick<ManifestFile, "path" | "sha256">): string {
  return `${model}/${file.sha256}/${file.path}`;
}
