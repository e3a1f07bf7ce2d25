import type { BinaryData } from "./dataset.ts";
import { missingCode } from "./table-encode.ts";

/**
 * The 0/1 view of a table that the mutual-information region graph measures. DEBD data are
 * already 0/1 and pass through. A mixed table's `x` holds state codes (0 for every continuous
 * cell), so counting x = 1 would see no dependence between continuous columns at all and the "mi"
 * graph would degenerate to a random one. Each column becomes one indicator instead: continuous
 * above its training median (a median split keeps a strong correlation visible: radius, perimeter
 * and area of wdbc then share ~0.5 nats), categorical in its most frequent state, binary in state
 * 1. A missing cell counts as 0 (co-missing columns then look dependent, which they are).
 */
export function miIndicators(data: BinaryData): BinaryData {
  const cols = data.columns;
  if (!cols) return data;
  const { rows, cols: D } = data;
  const miss = missingCode(cols);
  const x = new Uint8Array(rows * D);
  cols.forEach((c, d) => {
    if (c.kind === "continuous") {
      const seen: number[] = [];
      for (let n = 0; n < rows; n++) {
        const v = data.values![n * D + d]!;
        if (!Number.isNaN(v)) seen.push(v);
      }
      seen.sort((p, q) => p - q);
      const median = seen.length > 0 ? seen[seen.length >> 1]! : 0;
      for (let n = 0; n < rows; n++) x[n * D + d] = data.values![n * D + d]! > median ? 1 : 0; // NaN > m is false
      return;
    }
    let target = 1;
    if (c.kind === "categorical") {
      const count = new Int32Array(miss + 1);
      for (let n = 0; n < rows; n++) count[data.x[n * D + d]!]!++;
      target = 0;
      for (let k = 1; k < c.states.length; k++) if (count[k]! > count[target]!) target = k;
    }
    for (let n = 0; n < rows; n++) x[n * D + d] = data.x[n * D + d] === target ? 1 : 0;
  });
  return { rows, cols: D, x };
}
