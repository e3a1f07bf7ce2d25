import { EVALUATOR_WASM_BASE64 } from "./evaluator-bytes.ts";

/**
 * Where the evaluator's compiled WebAssembly.Module comes from, once per isolate. workerd refuses
 * to compile wasm from bytes at run time, so the worker imports evaluator.wasm (bundled by wrangler
 * as a precompiled module) and hands it over with useSpnWasmModule; Node compiles the same bytes
 * (evaluator-bytes.ts) on first use. Where neither works (no wasm, no SIMD), spnWasmModule() is
 * null and every pass runs in the JS evaluator, which stays the reference.
 */

/** A compiled WebAssembly.Module (opaque here: the Node tsconfig has no wasm types). */
export type WasmModule = object;

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

/** The slice of the WebAssembly global used here. */
interface WasmGlobal {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => WasmInstance;
}

export type SpnBackend = "auto" | "js" | "wasm";

let provided: WasmModule | undefined;
let compiled: WasmModule | null | undefined;
let backend: SpnBackend = "auto";
let failure: string | null = null;

/** Hands over the precompiled module (workerd: `import m from ".../evaluator.wasm"`). */
export function useSpnWasmModule(module: WasmModule): void {
  provided = module;
}

/**
 * "auto" (default) uses wasm where it is measured to be faster (see backend choice in
 * wasm/log-prob.ts), "js" never, "wasm" whenever it is available. For tests and benchmarks.
 */
export function setSpnBackend(choice: SpnBackend): void {
  backend = choice;
}

export function spnBackend(): SpnBackend {
  return backend;
}

/** The module, or null when this runtime cannot compile or run it (the reason: spnWasmFailure()). */
export function spnWasmModule(): WasmModule | null {
  if (backend === "js") return null;
  if (provided !== undefined) return provided;
  if (compiled === undefined) {
    try {
      const wasm = (globalThis as unknown as { WebAssembly?: WasmGlobal }).WebAssembly;
      if (wasm === undefined) throw new Error("no WebAssembly in this runtime");
      compiled = new wasm.Module(decodeBase64(EVALUATOR_WASM_BASE64));
    } catch (error) {
      failure = (error as Error).message;
      compiled = null;
    }
  }
  return compiled;
}

export function spnWasmFailure(): string | null {
  return failure;
}

export function instantiate(module: WasmModule): WasmInstance {
  const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;
  return new wasm.Instance(module, {});
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
