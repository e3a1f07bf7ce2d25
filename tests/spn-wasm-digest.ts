import { createRng, uniformInt } from "../shared/numeric/rng.ts";
import {
  type CompiledSpn,
  type EvidenceBatch,
  logProbBatch,
  logProbBatchJs,
  marginalSlotsBatch,
  setSpnBackend,
} from "../shared/spn/index.ts";

/**
 * The same computation in Node (unit) and in workerd (worker): log p and batched marginals of a
 * seeded batch through the WebAssembly evaluator, hashed, so both suites can compare with one
 * golden file (tests/golden/spn-wasm.json): the evaluator must give byte-identical numbers on
 * both engines. Also returns the largest difference from the JS reference (relative above 1).
 */
export async function wasmDigest(spn: CompiledSpn, rows: number): Promise<{ digest: string; maxDiffVsJs: number }> {
  const batch = seededBatch(spn, rows);
  setSpnBackend("wasm");
  try {
    const logP = logProbBatch(spn, 0, batch);
    const { slots } = marginalSlotsBatch(spn, 0, batch);
    setSpnBackend("js");
    const reference = [logProbBatchJs(spn, 0, batch), marginalSlotsBatch(spn, 0, batch).slots];
    let maxDiffVsJs = 0;
    [logP, slots].forEach((got, i) =>
      got.forEach((x, j) => {
        const y = reference[i]![j]!;
        maxDiffVsJs = Math.max(maxDiffVsJs, x === y ? 0 : Math.abs(x - y) / Math.max(1, Math.abs(y)));
      }),
    );
    const bytes = new Uint8Array(logP.length * 8 + slots.length * 8);
    bytes.set(new Uint8Array(logP.buffer, logP.byteOffset, logP.byteLength), 0);
    bytes.set(new Uint8Array(slots.buffer, slots.byteOffset, slots.byteLength), logP.byteLength);
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return { digest: [...hash].map((b) => b.toString(16).padStart(2, "0")).join(""), maxDiffVsJs };
  } finally {
    setSpnBackend("auto");
  }
}

function seededBatch(spn: CompiledSpn, rows: number): EvidenceBatch {
  const rng = createRng(2026);
  const V = spn.variables.length;
  const values = new Float64Array(V * rows);
  for (let i = 0; i < values.length; i++) {
    const k = spn.stateCount[Math.floor(i / rows)]!;
    values[i] = rng.nextFloat() < 0.3 ? NaN : k === 0 ? 4 * rng.nextFloat() - 2 : uniformInt(rng, k);
  }
  return { rowCount: rows, values };
}
