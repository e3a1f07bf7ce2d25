/**
 * A model folder as the R2 objects the worker reads, `<name>/<sha256>/<file>` (object-key.ts), for
 * manifest.json (kept for the record; the worker checks against its bundled copy) and every
 * file it lists, each verified against the manifest's size and sha256 before it may be uploaded.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ManifestSchema } from "../shared/artifacts/manifest.ts";
import { modelObjectKey } from "../shared/artifacts/object-key.ts";

export interface ModelObject {
  key: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** A folder that cannot be pushed as it is; the CLI prints the message and exits 2. */
export class ModelFolderError extends Error {}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function modelObjects(folder: string): { name: string; objects: ModelObject[] } {
  const manifestPath = join(folder, "manifest.json");
  if (!existsSync(manifestPath))
    throw new ModelFolderError(`${manifestPath}: no manifest.json (is ${folder} a model folder?)`);
  const raw = readFileSync(manifestPath);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (e) {
    throw new ModelFolderError(`${manifestPath}: not JSON: ${(e as Error).message}`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFolderError(`${manifestPath}: /${issue.path.join("/")}: ${issue.message}`);
  }
  const manifest = parsed.data;
  const manifestHash = sha256(raw);
  const objects: ModelObject[] = [
    {
      key: modelObjectKey(manifest.name, { path: "manifest.json", sha256: manifestHash }),
      path: manifestPath,
      bytes: raw.byteLength,
      sha256: manifestHash,
    },
  ];
  for (const file of manifest.files) {
    const path = join(folder, file.path);
    if (!existsSync(path)) throw new ModelFolderError(`${path}: missing (listed in ${manifestPath})`);
    const bytes = readFileSync(path);
    if (bytes.byteLength !== file.bytes || sha256(bytes) !== file.sha256) {
      throw new ModelFolderError(
        `${path}: does not match its size and sha256 in ${manifestPath} (retrain or rewrite the manifest)`,
      );
    }
    objects.push({ key: modelObjectKey(manifest.name, file), path, bytes: file.bytes, sha256: file.sha256 });
  }
  return { name: manifest.name, objects };
}

/**
 * Why the deployed worker would not serve this folder as it is, or undefined when it would: the
 * worker checks objects against the manifests bundled from models/ (models/index.ts).
 */
export function deployedIndexMismatch(folder: string, name: string, modelsDir = "models"): string | undefined {
  const deployed = join(modelsDir, name, "manifest.json");
  if (!existsSync(deployed))
    return `${name} is not in ${modelsDir}/: copy the folder there, run npm run models:index and deploy`;
  if (resolve(deployed) === resolve(folder, "manifest.json")) return undefined;
  if (sha256(readFileSync(deployed)) !== sha256(readFileSync(join(folder, "manifest.json")))) {
    return `${folder}/manifest.json differs from ${deployed}: the deployed worker checks files against the latter`;
  }
  return undefined;
}

/** bucket_name of the MODELS binding in wrangler.toml. */
export function modelsBucketName(wranglerToml = "wrangler.toml"): string {
  const blocks = readFileSync(wranglerToml, "utf8")
    .split(/^\[\[r2_buckets\]\]\s*$/m)
    .slice(1);
  for (const block of blocks) {
    const body = block.split(/^\[/m)[0]!;
    if (/^binding\s*=\s*"MODELS"/m.test(body)) {
      const name = /^bucket_name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
      if (name) return name;
    }
  }
  throw new ModelFolderError(`${wranglerToml}: no [[r2_buckets]] block with binding = "MODELS" and a bucket_name`);
}
