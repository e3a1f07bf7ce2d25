import type { CompiledSpn } from "../compiled-spn.ts";
import type { EvidenceBatch } from "../evidence.ts";
import type { WasmSpn } from "./instance.ts";

/**
 * Rows whose scaled root value is below 2^-900 (log -623.8) are not trusted to the linear-space
 * kernel (underflow may have cost precision, or the row has probability 0) and are recomputed
 * by the log-space JS evaluator. The bound: every leaf value is <= 1, so dS_root/dS_n <= 1 and
 * the root's absolute error from underflow is at most (operations x 2^-1074) < 2^-1040.
 */
export const TRUSTED_LOG_ROOT = -900 * Math.LN2;

/**
 * log p(row) for every row of `rows` under member `memberIndex`, by the wasm kernels, in chunks of
 * at most wasm.chunkRows rows (an odd tail is padded with an all-absent row). Returns the values
 * and the indices of the rows the caller must recompute in log space (TRUSTED_LOG_ROOT).
 */
export function wasmLogProb(
  wasm: WasmSpn,
  memberIndex: number,
  rows: EvidenceBatch,
): { logP: Float64Array; redo: number[] } {
  const spn: CompiledSpn = wasm.spn;
  const B = rows.rowCount;
  const V = spn.variables.length;
  const logP = new Float64Array(B);
  const redo: number[] = [];
  const ev = rows.values;
  const shift = wasm.gaussianShift[memberIndex]!;
  const { k, evPtr, valPtr, outPtr } = wasm;
  const w = wasm.weightPtr[memberIndex]!;
  const lp = wasm.leafPtr[memberIndex]!;
  const R = Math.min(wasm.chunkRows, B + (B & 1));
  for (let r0 = 0; r0 < B; r0 += R) {
    const len = Math.min(R, B - r0);
    const Rc = wasm.loadEvidence(rows, r0, len);
    const f64 = wasm.f64;
    k.upward(Rc, evPtr, valPtr, w, lp);
    k.logRoot(Rc, valPtr, outPtr);
    const out = outPtr >> 3;
    for (let r = 0; r < len; r++) {
      const x = f64[out + r]!;
      if (!(x >= TRUSTED_LOG_ROOT)) redo.push(r0 + r);
      logP[r0 + r] = x;
    }
    // Undo the scaling of gaussian densities (instance.ts) for every observed gaussian variable.
    for (const v of wasm.gaussianVariables) {
      const s = shift[v]!;
      for (let r = 0; r < len; r++) if (ev[v * B + r0 + r] === ev[v * B + r0 + r]) logP[r0 + r] += s;
    }
  }
  return { logP, redo };
}

/** The rows `indices` of a batch as a batch of their own (variable-major like every batch). */
export function selectRows(rows: EvidenceBatch, indices: readonly number[], variableCount: number): EvidenceBatch {
  const B = rows.rowCount;
  const n = indices.length;
  const values = new Float64Array(variableCount * n);
  for (let v = 0; v < variableCount; v++)
    for (let i = 0; i < n; i++) values[v * n + i] = rows.values[v * B + indices[i]!]!;
  return { rowCount: n, values };
}
