import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ManifestSchema, MANIFEST_VERSION, type Manifest } from "../../shared/artifacts/manifest.ts";

export interface ModelFiles {
  spnJson: string;
  traceSvg: string;
}

const fileEntry = (path: string, role: string, body: string) => ({
  path,
  role,
  sha256: createHash("sha256").update(body).digest("hex"),
  bytes: Buffer.byteLength(body),
});

/**
 * Writes models/<name>/{spn.json, trace.svg, manifest.json}. The manifest is checked against the
 * shared zod schema before anything is written, so a trainer bug cannot ship an unreadable model.
 */
export function writeModel(
  outDir: string,
  files: ModelFiles,
  meta: Pick<Manifest, "name" | "description" | "variables" | "metrics" | "training">,
): Manifest {
  const manifest = ManifestSchema.parse({
    manifestVersion: MANIFEST_VERSION,
    name: meta.name,
    kind: "spn",
    version: "1.0.0",
    description: meta.description,
    files: [fileEntry("spn.json", "spn", files.spnJson), fileEntry("trace.svg", "trace", files.traceSvg)],
    variables: meta.variables,
    metrics: meta.metrics,
    training: meta.training,
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "spn.json"), files.spnJson);
  writeFileSync(join(outDir, "trace.svg"), files.traceSvg);
  writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
