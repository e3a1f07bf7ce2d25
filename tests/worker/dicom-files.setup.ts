import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

// Runs in Node before the workerd suite: reads ../shared/data/dicom in place (never copied into
// the project) and hands the files to the tests as base64, since workerd has no file system.
// Absent folder -> empty map, and the tests that need it skip.
export default function setup(project: TestProject): void {
  const dir = resolve(fileURLToPath(new URL("../../", import.meta.url)), "../shared/data/dicom");
  const files: Record<string, string> = {};
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".dcm")))
      files[name] = readFileSync(resolve(dir, name)).toString("base64");
  }
  project.provide("dicomFiles", files);
}

declare module "vitest" {
  export interface ProvidedContext {
    dicomFiles: Record<string, string>;
  }
}
