import type { CompiledSpn } from "../compiled-spn.ts";
import { type WasmSpn, wasmSpn } from "./instance.ts";
import { spnBackend } from "./module.ts";

/**
 * Graphs with fewer edges run in the JS evaluator. Measured (CPU time, docs/spn-wasm.md): on the
 * 36-edge example model the two are level for one or two rows (0.3-1 µs) and JS is ahead for
 * larger batches (17.6-18.7 µs against 20.8-23.7 µs for 64 rows: the kernel's scalar exp for
 * gaussian leaves and the JS recomputation of probability-zero rows dominate there); from a few
 * hundred edges on, the per-edge saving wins at every batch size (10k edges, one row: 18 µs
 * against 63 µs). Size is the only criterion, so Node and workerd always choose alike.
 */
export const WASM_MIN_EDGES = 256;

/** The wasm instance to use for passes over this model, or null for the JS evaluator. */
export function chooseWasm(spn: CompiledSpn): WasmSpn | null {
  const choice = spnBackend();
  if (choice === "js" || spn.mvn) return null; // the kernels have no multivariate leaf: the JS evaluator answers
  if (choice === "auto" && spn.edgeCount < WASM_MIN_EDGES) return null;
  return wasmSpn(spn);
}
