import type { EvidenceBatch } from "./evidence.ts";

/** Rows [r0, r0 + len) of a batch as a batch of their own (copied unless it is the whole batch). */
export function sliceRows(rows: EvidenceBatch, r0: number, len: number): EvidenceBatch {
  if (r0 === 0 && len === rows.rowCount) return rows;
  const V = rows.values.length / rows.rowCount;
  const values = new Float64Array(V * len);
  for (let v = 0; v < V; v++)
    values.set(rows.values.subarray(v * rows.rowCount + r0, v * rows.rowCount + r0 + len), v * len);
  return { rowCount: len, values };
}
