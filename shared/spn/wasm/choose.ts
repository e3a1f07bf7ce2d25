import type { CompiledSpn } from "../compiled-spn.ts";
import { type WasmSpn, wasmSpn } from "./instance.ts";
import { spnBackend } from "./module.ts";

/**
 * Below this many edge-rows per call the JS evaluator answers: calling into wasm, copying the
 * evidence in and reading the results out costs a fixed few microseconds, which the JS pass beats
 * on tiny graphs (measured with bench/spn-backend.ts; docs/spn-benchmark.md).
 */
export const WASM_MIN_EDGE_ROWS = 256;

/** The wasm instance to use for a pass over `rows` rows of this model, or null for the JS evaluator. */
export function chooseWasm(spn: CompiledSpn, rows: number): WasmSpn | null {
  const choice = spnBackend();
  if (choice === "js") return null;
  if (choice === "auto" && spn.edgeCount * rows < WASM_MIN_EDGE_ROWS) return null;
  return wasmSpn(spn);
}
