import {
  type CompiledMember,
  type CompiledSpn,
  KIND_DISCRETE_LEAF,
  KIND_GAUSSIAN_LEAF,
  KIND_MVN_LEAF,
  KIND_PRODUCT,
} from "./compiled-spn.ts";
import { mvnLeafChunk, sharedMissingPattern } from "./mvn-passes.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { fastExp } from "./fast-exp.ts";

/**
 * Doubles in the node-major value buffer of a batched pass (8 MiB, kept per model; workerd gives
 * an isolate 128 MB). Rows are evaluated in chunks of floor(budget / nodes), so memory stays
 * bounded for any graph and batch; per edge-row cost hardly depends on the chunk (measured 4.1-4.4
 * ns from 16 to 935 rows per chunk on the 10k-edge benchmark SPN).
 */
export const VALUE_BUFFER_DOUBLES = 1 << 20;

/**
 * Rows per chunk of a batched pass. A model with mvn leaves takes a quarter of the buffer (2 MiB):
 * it runs in this JS evaluator, where a leaf's p^2 / 2 work per row dwarfs any chunking gain, and
 * the full 8 MiB was the largest allocation of an mvn wdbc MPE batch (each row's values are
 * computed alike whatever the chunk).
 */
export function rowsPerChunk(spn: CompiledSpn, rowCount: number): number {
  const budget = spn.mvn ? VALUE_BUFFER_DOUBLES / 4 : VALUE_BUFFER_DOUBLES;
  return Math.max(1, Math.min(rowCount, Math.floor(budget / spn.nodeCount)));
}

/**
 * Upward sum-product pass (Poon & Domingos 2011) in log space over rows [rowStart, rowStart + R)
 * of `evidence`, writing log S_n(row) to values[n * R + r] (node-major: the inner loops run over
 * rows, over contiguous memory). Sums use an online max-shifted log-sum-exp: the running max
 * lives in the node's own row, the scaled sum in `acc`, and each edge-row costs one exp (of the new
 * term against the max, or of the old max against a new maximum, which rescales the sum); one log
 * per node-row. The max starts at a finite floor (-MAX_VALUE) so -Infinity terms give exp = 0,
 * never NaN, and an all-zero sum ends at log 0 = -Infinity. An absent variable's leaves are 1
 * (log 0), which marginalises it. `acc` needs R doubles. Allocates nothing.
 */
export function sumProductChunk(
  spn: CompiledSpn,
  member: CompiledMember,
  evidence: EvidenceBatch,
  rowStart: number,
  R: number,
  values: Float64Array,
  acc: Float64Array,
): void {
  const { kind, childStart, childIndex, leafVariable, leafParamStart, nodeCount } = spn;
  const { logWeights, leafLogParams } = member;
  const ev = evidence.values;
  const stride = evidence.rowCount;
  // Local copies: an imported binding is re-read (with a TDZ check) on every use in the loop.
  const discreteLeaf = KIND_DISCRETE_LEAF;
  const gaussianLeaf = KIND_GAUSSIAN_LEAF;
  const product = KIND_PRODUCT;
  const shared = spn.mvn ? sharedMissingPattern(spn, ev, stride, rowStart, R) : false;
  for (let n = 0; n < nodeCount; n++) {
    const out = n * R;
    const k = kind[n]!;
    if (k === discreteLeaf) {
      const base = leafVariable[n]! * stride + rowStart;
      const p = leafParamStart[n]!;
      for (let r = 0; r < R; r++) {
        const x = ev[base + r]!;
        values[out + r] = x !== x ? 0 : leafLogParams[p + x]!;
      }
    } else if (k === gaussianLeaf) {
      const base = leafVariable[n]! * stride + rowStart;
      const p = leafParamStart[n]!;
      const mean = leafLogParams[p]!;
      const invStd = leafLogParams[p + 2]!;
      const logNorm = leafLogParams[p + 3]!;
      for (let r = 0; r < R; r++) {
        const x = ev[base + r]!;
        const z = (x - mean) * invStd;
        values[out + r] = x !== x ? 0 : logNorm - 0.5 * z * z;
      }
    } else if (k === KIND_MVN_LEAF) {
      mvnLeafChunk(spn, member, n, ev, stride, rowStart, R, values, out, shared);
    } else if (k === product) {
      const from = childStart[n]!;
      const to = childStart[n + 1]!;
      values.copyWithin(out, childIndex[from]! * R, childIndex[from]! * R + R);
      for (let e = from + 1; e < to; e++) {
        const c = childIndex[e]! * R;
        for (let r = 0; r < R; r++) values[out + r]! += values[c + r]!;
      }
    } else {
      const from = childStart[n]!;
      const to = childStart[n + 1]!;
      let lw = logWeights[from]!;
      let c = childIndex[from]! * R;
      for (let r = 0; r < R; r++) {
        const t = lw + values[c + r]!;
        const zero = t === -Infinity;
        values[out + r] = zero ? -Number.MAX_VALUE : t;
        acc[r] = zero ? 0 : 1;
      }
      for (let e = from + 1; e < to; e++) {
        lw = logWeights[e]!;
        c = childIndex[e]! * R;
        for (let r = 0; r < R; r++) {
          let t = lw + values[c + r]!;
          let max = values[out + r]!;
          const up = t > max;
          if (up) {
            const old = max;
            max = t;
            t = old;
            values[out + r] = max;
          }
          const ex = fastExp(t - max);
          acc[r] = up ? acc[r]! * ex + 1 : acc[r]! + ex;
        }
      }
      for (let r = 0; r < R; r++) values[out + r]! += Math.log(acc[r]!);
    }
  }
}
