import type { CompiledSpn } from "./compiled-spn.ts";
import { type EvidenceBatch, singleRow } from "./evidence.ts";
import { rowsPerChunk, sumProductChunk } from "./upward.ts";
import { sumProductRow } from "./upward-row.ts";
import { scratch } from "./workspace.ts";
import { chooseWasm } from "./wasm/choose.ts";
import { selectRows, wasmLogProb } from "./wasm/log-prob.ts";

/**
 * log p(e_r) for every row of a batch under member `memberIndex`: the joint density when a row is
 * complete, the marginal when variables are absent (Poon & Domingos 2011). -Infinity is a value.
 * Time O(edges * rows). Runs in the WebAssembly evaluator (wasm/) where it is available and
 * faster (wasm/choose.ts), else in the JS evaluator below, which is the reference.
 */
export function logProbBatch(spn: CompiledSpn, memberIndex: number, rows: EvidenceBatch): Float64Array {
  const wasm = chooseWasm(spn);
  if (wasm === null) return logProbBatchJs(spn, memberIndex, rows);
  const { logP, redo } = wasmLogProb(wasm, memberIndex, rows);
  if (redo.length > 0) {
    const again = logProbBatchJs(spn, memberIndex, selectRows(rows, redo, spn.variables.length));
    redo.forEach((r, i) => (logP[r] = again[i]!));
  }
  return logP;
}

/**
 * logProbBatch in the JS evaluator (log space, online log-sum-exp); memory bounded by
 * VALUE_BUFFER_DOUBLES whatever the batch size. `chunkRows` overrides the rows evaluated per
 * chunk (tests and benchmarks only).
 */
export function logProbBatchJs(
  spn: CompiledSpn,
  memberIndex: number,
  rows: EvidenceBatch,
  chunkRows = rowsPerChunk(spn, rows.rowCount),
): Float64Array {
  const member = spn.members[memberIndex]!;
  const B = rows.rowCount;
  const logP = new Float64Array(B);
  if (B === 1 && chunkRows === 1) {
    const values = scratch(spn, "values", spn.nodeCount);
    sumProductRow(spn, member, rows.values, values);
    logP[0] = values[spn.root]!;
    return logP;
  }
  const R = Math.max(1, Math.min(chunkRows, B));
  const values = scratch(spn, "values", R * spn.nodeCount);
  const acc = scratch(spn, "acc", R);
  for (let r0 = 0; r0 < B; r0 += R) {
    const len = Math.min(R, B - r0);
    sumProductChunk(spn, member, rows, r0, len, values, acc);
    logP.set(values.subarray(spn.root * len, spn.root * len + len), r0);
  }
  return logP;
}

/** log p(row) for one row (length variables.length, NaN = absent). */
export function logProbRow(spn: CompiledSpn, memberIndex: number, row: Float64Array): number {
  return logProbBatch(spn, memberIndex, singleRow(row))[0]!;
}

/**
 * Upward values of every node for one row, in the model's reusable buffer (valid until the next
 * evaluation on this model): the input of the downward and sampling passes.
 */
export function upwardValues(spn: CompiledSpn, memberIndex: number, row: Float64Array): Float64Array {
  const values = scratch(spn, "values", spn.nodeCount);
  sumProductRow(spn, spn.members[memberIndex]!, row, values);
  return values;
}
