import { readdir, readFile } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { ModelSource } from "../artifacts/registry.ts";

/** Model names under a models/ directory: the sub-folders that hold a manifest.json. */
export function modelNamesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "manifest.json")))
    .map((e) => e.name)
    .sort();
}

/** A ModelSource over a models/ directory on disk, for Node programs using the core directly. */
export function directorySource(dir: string): ModelSource {
  const names = modelNamesIn(dir);
  return {
    names: () => names,
    read: async (model, file) => {
      if (!names.includes(model) || !(await readdir(join(dir, model))).includes(file)) return undefined;
      return new Uint8Array(await readFile(join(dir, model, file)));
    },
  };
}
