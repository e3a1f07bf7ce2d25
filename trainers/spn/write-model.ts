import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Manifest } from "../../shared/artifacts/manifest.ts";
import { fileEntry, writeManifest } from "../common/manifest-writer.ts";

export interface ModelFiles {
  spnJson: string;
  traceSvg: string;
}

/**
 * Writes models/<name>/{spn.json, trace.svg, manifest.json}; the manifest is checked against the
 * shared zod schema, and models/index.ts is regenerated when the folder is under models/.
 */
export function writeModel(
  outDir: string,
  files: ModelFiles,
  meta: Pick<Manifest, "name" | "description" | "variables" | "metrics" | "training">,
): Manifest {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "spn.json"), files.spnJson);
  writeFileSync(join(outDir, "trace.svg"), files.traceSvg);
  return writeManifest(outDir, {
    ...meta,
    kind: "spn",
    version: "1.0.0",
    files: [fileEntry("spn.json", "spn", files.spnJson), fileEntry("trace.svg", "trace", files.traceSvg)],
  });
}
