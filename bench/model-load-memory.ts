/**
 * `npm run bench:model-load:memory` (node --expose-gc): what loading a model costs an isolate's
 * 128 MB, in Node with the worker's loaders (ONNX on ONNX Runtime Web's wasm, as in workerd).
 * Per model, read as the R2 source reads it (fresh bytes, dropped after compile): its files' bytes;
 * the peak resident memory during the load above the start (kernel VmHWM after clear_refs: bytes,
 * decoded text, parsed JSON and compiled arrays at once); and what stays after GC (V8 heap used +
 * external memory, which counts ArrayBuffers and wasm memories). A bundled build holds every file's bytes for
 * the isolate's life on top (the sum is printed). Models load in one process in the order below:
 * the first ONNX model also pays ONNX Runtime's start.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { memorySource, ModelRegistry } from "../shared/artifacts/registry.ts";
import { classifierLoader } from "../shared/classify/loader.ts";
import { detectorLoader } from "../shared/lesion-detect/loader.ts";
import { MODEL_LOADERS } from "../shared/models.ts";
import { modelNamesIn } from "../shared/node/model-source.ts";
import { createWebSessionInNode } from "./web-onnx-session.ts";

const MiB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const kib = (field: "VmRSS" | "VmHWM") =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync("/proc/self/status", "utf8"))![1]);
const settle = () => {
  for (let i = 0; i < 3; i++) gc!();
};
const fmt = (x: number) => (x / MiB).toFixed(1);

const loaders = {
  ...MODEL_LOADERS,
  classifier: classifierLoader(createWebSessionInNode),
  "lesion-detector": detectorLoader(createWebSessionInNode),
};
const ORDER = ["example", "penguins", "nltcs", "wdbc", "plants", "demo-classifier", "spam-lpft", "lesion-detector"];
const names = [
  ...ORDER.filter((n) => modelNamesIn("models").includes(n)),
  ...modelNamesIn("models").filter((n) => !ORDER.includes(n)),
];
const kept: unknown[] = [];
let bundledBytes = 0;
console.log(
  "| model | file bytes MiB | load peak above start MiB (RSS) | retained after GC MiB (heap + external) | ms |",
);
console.log("|---|---|---|---|---|");
for (const name of names) {
  const manifest = JSON.parse(readFileSync(join("models", name, "manifest.json"), "utf8")) as {
    files: { path: string; bytes: number }[];
  };
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  bundledBytes += bytes;
  settle();
  const rss0 = kib("VmRSS");
  const mem0 = process.memoryUsage();
  writeFileSync("/proc/self/clear_refs", "5"); // VmHWM := VmRSS
  const t0 = performance.now();
  // As r2ModelSource hands them over: one fresh buffer per file, referenced only during the load.
  const files = Object.fromEntries(
    ["manifest.json", ...manifest.files.map((f) => f.path)].map((f) => [
      f,
      new Uint8Array(readFileSync(join("models", name, f))),
    ]),
  );
  const loaded = await new ModelRegistry(memorySource({ [name]: files }), loaders).get(name);
  const ms = performance.now() - t0;
  const peak = (kib("VmHWM") - rss0) * 1024;
  kept.push(loaded.compiled);
  settle();
  const mem1 = process.memoryUsage();
  const retained = mem1.heapUsed + mem1.external - (mem0.heapUsed + mem0.external);
  console.log(JSON.stringify({ name, bytes, loadPeakBytes: peak, retainedBytes: retained, ms: Math.round(ms) }));
  console.log(`| ${name} | ${fmt(bytes)} | ${fmt(peak)} | ${fmt(retained)} | ${Math.round(ms)} |`);
}
console.log(
  `\nbytes a bundled build holds in every isolate besides the compiled models: ${fmt(bundledBytes)} MiB (all model files); from R2: 0 after each load`,
);
