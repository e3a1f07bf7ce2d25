import type { PatternBuffers, WasmSpn } from "./instance.ts";
import { PATTERN_MIN_ROWS_PER_SYNTHETIC, syntheticBatch } from "./pattern-plan.ts";

let sharing = true;

/** Turns the sharing of upward values across rows on or off (tests and benchmarks compare both). */
export function setPatternSharing(on: boolean): void {
  sharing = on;
}

/**
 * What upwardShared needs for a batch of `rows` rows and member s: the per-pattern tables of
 * the gathered nodes, filled by the ordinary upward kernel on the synthetic batches (so a table
 * entry has the bits the node would have on a real row with that pattern); the kernel's
 * patternIds gives each chunk's rows their ids. Null when the graph has nothing to share or the
 * batch is too small to pay for the tables.
 */
export function patternTables(wasm: WasmSpn, s: number, rows: number): SharedPass | null {
  if (!sharing) return null;
  const buffers = wasm.patternBuffers();
  if (buffers === null || rows < PATTERN_MIN_ROWS_PER_SYNTHETIC * buffers.plan.syntheticRows) return null;
  const { plan, tablePtr } = buffers;
  const { k, evPtr, valPtr, chunkRows } = wasm;
  const byClass: number[][] = plan.classes.map(() => []);
  for (const n of plan.gathered) byClass[plan.classOf[n]!]!.push(n);
  for (const group of plan.groups) {
    const batch = syntheticBatch(wasm.spn, plan, group);
    for (let r0 = 0; r0 < batch.rowCount; r0 += chunkRows) {
      const len = Math.min(chunkRows, batch.rowCount - r0);
      const Rc = wasm.loadEvidence(batch, r0, len);
      k.upward(Rc, evPtr, valPtr, wasm.weightPtr[s]!, wasm.leafPtr[s]!);
      const f64 = wasm.f64;
      for (const c of group) {
        const patterns = plan.classes[c]!.patterns;
        for (const n of byClass[c]!) {
          const at = (tablePtr >> 3) + plan.tableAt[n]!;
          for (let j = r0; j < Math.min(r0 + len, patterns); j++) f64[at + j] = f64[(valPtr >> 3) + n * Rc + j - r0]!;
        }
      }
    }
  }
  return buffers;
}

export type SharedPass = PatternBuffers;
