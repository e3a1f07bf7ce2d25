import type { EvidenceBatch } from "../evidence.ts";
import type { WasmSpn } from "./instance.ts";
import { TRUSTED_LOG_ROOT } from "./log-prob.ts";
import { patternTables } from "./pattern-tables.ts";

/**
 * Upward + downward pass for one row in the wasm kernels: writes the row's flows into `flow`
 * (length nodeCount) and returns log p(row), or null when the root is not trusted (see
 * TRUSTED_LOG_ROOT): the caller then runs the JS passes. Flows do not depend on the scaling of
 * gaussian densities (it multiplies S_n and S_root alike), so only log p(row) is unscaled.
 */
export function wasmRowFlows(wasm: WasmSpn, memberIndex: number, row: Float64Array, flow: Float64Array): number | null {
  wasm.ensureFlowBuffers();
  const { k, f64, evPtr, valPtr, outPtr, flowPtr } = wasm;
  const V = row.length;
  const ev = evPtr >> 3;
  for (let v = 0; v < V; v++) {
    f64[ev + 2 * v] = row[v]!;
    f64[ev + 2 * v + 1] = NaN; // the second lane: an all-absent row
  }
  k.upward(2, evPtr, valPtr, wasm.weightPtr[memberIndex]!, wasm.leafPtr[memberIndex]!);
  k.logRoot(2, valPtr, outPtr);
  let logP = f64[outPtr >> 3]!;
  if (!(logP >= TRUSTED_LOG_ROOT)) return null;
  k.downward(2, valPtr, flowPtr, wasm.quotientPtr, wasm.parentWeights(memberIndex), wasm.downCodePtr);
  const at = flowPtr >> 3;
  const { flowOf } = wasm;
  for (let n = 0, N = flow.length; n < N; n++) flow[n] = f64[at + 2 * flowOf[n]!]!;
  const shift = wasm.gaussianShift[memberIndex]!;
  for (const v of wasm.gaussianVariables) if (row[v] === row[v]) logP += shift[v]!;
  return logP;
}

/**
 * Marginal slots (WasmSpn.slotOf: per discrete variable its state posteriors, per gaussian its
 * posterior mean and variance) of rows [from, to) of the batch, row-major into `slots`
 * ((to - from) x slotCount), and log p(row) into `logP` (index row - from), by chunked upward,
 * downward and leaf passes (a large batch computes its small-scope nodes once per evidence pattern:
 * wasm/pattern-plan.ts). Returns the rows (batch indices) the caller must recompute in log
 * space (untrusted roots, including probability-zero rows). Observed variables are not
 * special-cased here: the caller overrides them.
 */
export function wasmMarginalSlots(
  wasm: WasmSpn,
  memberIndex: number,
  rows: EvidenceBatch,
  logP: Float64Array,
  slots: Float64Array,
  from = 0,
  to = rows.rowCount,
): number[] {
  wasm.ensureFlowBuffers();
  const { k, evPtr, valPtr, outPtr, flowPtr, quotientPtr, marginalPtr, slotCount } = wasm;
  const B = rows.rowCount;
  const ev = rows.values;
  const w = wasm.weightPtr[memberIndex]!;
  const lp = wasm.leafPtr[memberIndex]!;
  const pw = wasm.parentWeights(memberIndex);
  const shift = wasm.gaussianShift[memberIndex]!;
  const redo: number[] = [];
  const shared = patternTables(wasm, memberIndex, to - from); // same bits, fewer node-rows
  const R = Math.min(wasm.chunkRows, to - from + ((to - from) & 1));
  for (let r0 = from; r0 < to; r0 += R) {
    const len = Math.min(R, to - r0);
    const Rc = wasm.loadEvidence(rows, r0, len);
    const f64 = wasm.f64;
    if (shared === null) k.upward(Rc, evPtr, valPtr, w, lp);
    else {
      k.patternIds(Rc, evPtr, shared.pidPtr);
      k.upwardShared(Rc, evPtr, valPtr, w, lp, shared.tablePtr, shared.pidPtr);
    }
    k.logRoot(Rc, valPtr, outPtr);
    k.downward(Rc, valPtr, flowPtr, quotientPtr, pw, shared === null ? wasm.downCodePtr : shared.codePtr);
    k.leafMarginals(Rc, flowPtr, lp, marginalPtr, slotCount);
    const out = outPtr >> 3;
    for (let r = 0; r < len; r++) {
      const row = r0 + r;
      let x = f64[out + r]!;
      if (!(x >= TRUSTED_LOG_ROOT)) redo.push(row);
      for (const v of wasm.gaussianVariables) if (ev[v * B + row] === ev[v * B + row]) x += shift[v]!;
      logP[row - from] = x;
    }
    // slot-major in wasm memory (out[slot * Rc + r]) to row-major, one slot at a time
    const at = (r0 - from) * slotCount;
    for (let s = 0, m = marginalPtr >> 3; s < slotCount; s++, m += Rc) {
      for (let r = 0, o = at + s; r < len; r++, o += slotCount) slots[o] = f64[m + r]!;
    }
  }
  return redo;
}
