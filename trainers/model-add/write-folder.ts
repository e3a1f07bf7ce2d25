import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { renderModelsIndex } from "../../scripts/models-index.ts";
import { classifierFiles, type ClassifierArtifact } from "./classifier-files.ts";

/**
 * Writes a classifier model folder; when it is a folder of the project's models/, also
 * regenerates models/index.ts so that the worker bundles it.
 */
export async function writeClassifierFolder(dir: string, artifact: ClassifierArtifact): Promise<string[]> {
  if (basename(resolve(dir)) !== artifact.name)
    throw new Error(`the folder ${dir} must be named after the model "${artifact.name}"`);
  mkdirSync(dir, { recursive: true });
  const files = await classifierFiles(artifact);
  for (const [path, bytes] of Object.entries(files)) writeFileSync(join(dir, path), bytes);
  const written = Object.keys(files).map((f) => join(dir, f));
  const modelsDir = dirname(resolve(dir));
  if (modelsDir === resolve("models")) {
    writeFileSync(join(modelsDir, "index.ts"), renderModelsIndex(modelsDir));
    written.push(join(modelsDir, "index.ts"));
  }
  return written;
}
