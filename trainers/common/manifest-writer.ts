import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ManifestSchema, MANIFEST_VERSION, type Manifest, type ManifestFile } from "../../shared/artifacts/manifest.ts";
import { renderModelsIndex } from "../../scripts/models-index.ts";

/** A manifest `files` entry for bytes about to be (or already) written to the model folder. */
export function fileEntry(path: string, role: string, content: string | Uint8Array): ManifestFile {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return { path, role, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength };
}

/**
 * Checks the manifest against the shared schema (so a trainer bug cannot ship a model the server
 * refuses) and writes <modelDir>/manifest.json; when the folder is one of the project's models/,
 * also regenerates models/index.ts so the worker bundles the new files.
 */
export function writeManifest(
  modelDir: string,
  manifest: Omit<Manifest, "manifestVersion">,
  modelsRoot = "models",
): Manifest {
  const checked = ManifestSchema.parse({ manifestVersion: MANIFEST_VERSION, ...manifest });
  writeFileSync(join(modelDir, "manifest.json"), `${JSON.stringify(checked, null, 2)}\n`);
  if (dirname(resolve(modelDir)) === resolve(modelsRoot)) {
    writeFileSync(join(modelsRoot, "index.ts"), renderModelsIndex(modelsRoot));
  }
  return checked;
}
