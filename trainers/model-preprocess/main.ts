/**
 * `npm run model:preprocess -- --model models/<name> --steps email-message,html-to-text,…
 *  [--note "<why>"]` declares the text pipeline (shared/text) a text classifier's server applies
 * before tokenising: rewrites classifier.json's input.preprocess and the manifest's sha256, and
 * records the command and note in the manifest's training section (so the manifest says when
 * the pipeline was declared after training rather than by the trainer). `--steps ""` removes it.
 * Bad input exits with code 2.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ManifestSchema } from "../../shared/artifacts/manifest.ts";
import { ClassifierConfigSchema } from "../../shared/classify/artifact-schema.ts";
import { TEXT_STEPS, TextStepSchema } from "../../shared/text/pipeline.ts";
import { fileEntry, writeManifest } from "../common/manifest-writer.ts";

function fail(message: string): never {
  console.error(`model:preprocess: ${message}`);
  process.exit(2);
}

let values: { model?: string | undefined; steps?: string | undefined; note?: string | undefined };
try {
  ({ values } = parseArgs({
    options: { model: { type: "string" }, steps: { type: "string" }, note: { type: "string" } },
  }));
} catch (e) {
  fail((e as Error).message);
}
if (!values.model || values.steps === undefined) fail("--model <folder> and --steps <step,step,…> are required");
const dir = values.model;
const read = (file: string): unknown => {
  const path = join(dir, file);
  if (!existsSync(path)) fail(`${path}: no such file (is ${dir} a classifier folder?)`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    fail(`${path}: ${(e as Error).message}`);
  }
};
const steps = values.steps
  .split(",")
  .map((s) => s.trim())
  .filter((s) => s !== "");
for (const s of steps)
  if (!TextStepSchema.safeParse(s).success)
    fail(`unknown step "${s}"; the steps are ${Object.keys(TEXT_STEPS).join(", ")}`);
const manifest = ManifestSchema.parse(read("manifest.json"));
const config = ClassifierConfigSchema.parse(read("classifier.json"));
if (manifest.kind !== "classifier" || config.input.kind !== "text")
  fail(`${dir}: not a text classifier; only text inputs have a text pipeline`);

const { preprocess: _old, ...input } = config.input;
const updated = { ...config, input: steps.length > 0 ? { ...input, preprocess: steps } : input };
const text = `${JSON.stringify(updated, null, 2)}\n`;
writeFileSync(join(dir, "classifier.json"), text);
const command = `npm run model:preprocess -- ${process.argv
  .slice(2)
  .map((a) => (/[\s,"]/.test(a) ? JSON.stringify(a) : a))
  .join(" ")}`;
const { manifestVersion: _v, ...rest } = manifest;
writeManifest(dir, {
  ...rest,
  files: manifest.files.map((f) => (f.path === "classifier.json" ? fileEntry(f.path, f.role, text) : f)),
  training: {
    ...manifest.training,
    preprocessDeclared: { command, steps, ...(values.note ? { note: values.note } : {}) },
  },
});
console.log(`${dir}: input.preprocess = ${JSON.stringify(steps)}`);
