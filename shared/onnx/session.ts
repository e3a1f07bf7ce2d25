import type { OnnxSession } from "./types.ts";
import { wrapSession } from "./types.ts";
import { IDENTITY_MODEL } from "./identity-model.ts";

/**
 * onnxruntime-web inside workerd — the only module that imports it. workerd refuses to compile
 * wasm from bytes at run time and has no script URL, so (docs/edge-runtime.md, "the recipe"):
 * the wasm arrives as a precompiled WebAssembly.Module import; a dummy `wasmBinary` makes ORT
 * take its embedded loader; and while ORT initialises, WebAssembly.instantiate(bytes) is
 * redirected to that module. Both imports are dynamic so that Node programs importing the
 * core (and the classifier loader) never load the web runtime or its 14 MB wasm.
 */
type Ort = typeof import("onnxruntime-web/wasm");

/** The slice of the WebAssembly global used here (the Node tsconfig has no DOM/wasm values). */
interface WasmGlobal {
  Module: abstract new (...args: never[]) => WebAssembly.Module;
  instantiate(source: unknown, imports?: unknown): Promise<unknown>;
}
const wasmGlobal = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

let runtime: Promise<Ort> | undefined;

async function initialise(): Promise<Ort> {
  const [ort, wasm] = await Promise.all([
    import("onnxruntime-web/wasm"),
    import("onnxruntime-web/ort-wasm-simd-threaded.wasm"),
  ]).catch((e: Error) => {
    throw new Error(
      `ONNX Runtime Web could not start (${e.message}); outside workerd use classifierLoader(createNodeSession)`,
    );
  });
  const module: WebAssembly.Module = wasm.default;
  ort.env.wasm.numThreads = 1; // workerd has no threads
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = new Uint8Array([0]); // any non-empty bytes: skip URL discovery
  ort.env.logLevel = "error";
  const original = wasmGlobal.instantiate;
  // Instantiating a Module resolves to an Instance; ORT asked with bytes, so it expects both.
  wasmGlobal.instantiate = async (source, imports) => {
    if (source instanceof wasmGlobal.Module) return original.call(wasmGlobal, source, imports);
    const instance = await original.call(wasmGlobal, module, imports);
    return { instance, module };
  };
  try {
    // ORT initialises its wasm on the first session; a built-in Identity model makes that
    // step independent of any user model, so a bad model cannot poison the runtime.
    await ort.InferenceSession.create(IDENTITY_MODEL);
  } finally {
    wasmGlobal.instantiate = original;
  }
  return ort;
}

/** The runtime, initialised once per isolate; a failure is kept too (the bundle cannot change). */
function ortRuntime(): Promise<Ort> {
  runtime ??= initialise();
  return runtime;
}

/** A session over a model's bytes, created once per model per isolate by the caller. */
export async function createSession(modelBytes: Uint8Array): Promise<OnnxSession> {
  const ort = await ortRuntime();
  const session = await ort.InferenceSession.create(modelBytes, { executionProviders: ["wasm"] });
  return wrapSession(session, (t) => new ort.Tensor(t.data, t.dims));
}
