/**
 * One measurement of bench/memory.ts, in its own Node process (run with --expose-gc): builds the
 * app as the worker does, warms the endpoint, collects garbage, takes the baseline, resets the
 * kernel's peak-RSS mark (/proc/self/clear_refs), sends the request at its cap, reads the whole
 * response and prints, as one JSON line, the peak of resident memory above the baseline and the
 * bytes of typed arrays the request allocated (bench/typed-array-counter.ts).
 * Argv: scenario name, image side. Env: the worker's [vars] as JSON in MEMORY_ENV.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { installTypedArrayCounter, typedArrayCount } from "./typed-array-counter.ts";

installTypedArrayCounter(); // before the app's modules load, so their `new Float64Array` is counted
const { createApp } = await import("../functions/app.ts");
const { ModelRegistry } = await import("../shared/artifacts/registry.ts");
const { MODEL_LOADERS } = await import("../shared/models.ts");
const { directorySource } = await import("../shared/node/model-source.ts");
const { classifierLoader } = await import("../shared/classify/loader.ts");
const { detectorLoader } = await import("../shared/lesion-detect/loader.ts");
const { createWebSessionInNode } = await import("./web-onnx-session.ts");
const { MEMORY_SCENARIOS } = await import("./memory-scenarios.ts");
type MemoryRequest = import("./memory-scenarios.ts").MemoryRequest;

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

function statusKiB(field: "VmRSS" | "VmHWM"): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync("/proc/self/status", "utf8"))![1]);
}

const [name, sideArg] = process.argv.slice(2);
const scenario = MEMORY_SCENARIOS.find((s) => s.name === name);
if (!scenario) throw new Error(`unknown scenario ${name}`);
const side = Number(sideArg);
const env = JSON.parse(process.env.MEMORY_ENV ?? "{}") as Record<string, string>;
// The worker's loaders, ONNX models on ONNX Runtime Web's wasm as in workerd.
const loaders = {
  ...MODEL_LOADERS,
  classifier: classifierLoader(createWebSessionInNode),
  "lesion-detector": detectorLoader(createWebSessionInNode),
};
const app = createApp({ registry: new ModelRegistry(directorySource("models"), loaders) });
const send = async ({ path, init }: MemoryRequest) => {
  const res = await app.request(path, init, env);
  const body = await res.arrayBuffer();
  return { status: res.status, bytes: body.byteLength, text: res.status === 200 ? "" : new TextDecoder().decode(body) };
};

// The request body is built before the baseline (a client's bytes, not the worker's work) and kept.
const request = await scenario.atCap(side);
for (let i = 0; i < 3; i++) gc();
const bare = process.memoryUsage();
const rssBare = statusKiB("VmRSS");
const warm = await send(await scenario.warm());
if (warm.status !== 200) throw new Error(`${name}: warm-up answered ${warm.status} ${warm.text.slice(0, 300)}`);
for (let i = 0; i < 3; i++) gc();
const before = process.memoryUsage();
const rssBefore = statusKiB("VmRSS");
writeFileSync("/proc/self/clear_refs", "5"); // VmHWM := VmRSS
typedArrayCount.counting = true;
const t0 = performance.now();
const answer = await send(request);
const ms = performance.now() - t0;
typedArrayCount.counting = false;
const peakKiB = statusKiB("VmHWM");
console.log(
  JSON.stringify({
    name,
    side,
    status: answer.status,
    responseBytes: answer.bytes,
    ms: Math.round(ms),
    // Heap + external (ArrayBuffers included) after GC; or, when larger, the same before the warm-up
    // plus the resident growth over it, which also counts wasm memory (ONNX Runtime's heap).
    baselineMiB: +(
      Math.max(before.heapUsed + before.external, bare.heapUsed + bare.external + (rssBefore - rssBare) * 1024) / MiB
    ).toFixed(1),
    baselineArrayBuffersMiB: +(before.arrayBuffers / MiB).toFixed(1),
    baselineRssMiB: +(rssBefore / 1024).toFixed(1),
    requestPeakMiB: +((peakKiB - rssBefore) / 1024).toFixed(1),
    typedArraysMiB: +(typedArrayCount.bytes / MiB).toFixed(1),
  }),
);
