/**
 * A/B timing of two builds of the wasm evaluator on the 10k benchmark SPN, interleaved in one
 * process so that machine load affects both alike: `tsx bench/spn-kernel-ab.ts OLD.wasm [NEW.wasm]`
 * (NEW defaults to the committed evaluator.wasm; AB_ROUNDS sets the rounds, 9 by default). Prints
 * CPU ms per 10,000 rows for each kernel and for the whole batched marginals pass (wasmMarginalSlots:
 * tables, upward, downward, leaf marginals, copies), medians and minima (the run least disturbed
 * by other jobs), and whether the two builds give the same bits.
 */
import { readFileSync } from "node:fs";
import { generateRegionSpn, randomRows } from "./spn-generate.ts";
import { round, timeMedian } from "./spn-timing.ts";
import { loadSpn, parseEvidenceBatch } from "../shared/spn/index.ts";
import { wasmMarginalSlots } from "../shared/spn/wasm/flows.ts";
import { WasmSpn } from "../shared/spn/wasm/instance.ts";
import { instantiate } from "../shared/spn/wasm/module.ts";

const { Module } = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } })
  .WebAssembly;
// builds before configureLeaves (leafMarginals walked the leaves by node) get a no-op in its place
const wasmFile = (path: string) => {
  const exports: Record<string, unknown> = { ...instantiate(new Module(readFileSync(path))).exports };
  exports.configureLeaves ??= () => {};
  return new WasmSpn(spn, exports as never);
};
const { spn } = loadSpn(
  generateRegionSpn({ variables: 16, sums: 6, leaves: 5, partitions: 2, depth: 3, seed: 1 }),
  "10k",
);
const B = 10_000;
const rows = parseEvidenceBatch(spn, randomRows(11, 16, B, 0.2), "/rows");
const sides = {
  old: wasmFile(process.argv[2]!),
  new: wasmFile(process.argv[3] ?? new URL("../shared/spn/wasm/evaluator.wasm", import.meta.url).pathname),
};
const slotsOf = (w: WasmSpn) => {
  const logP = new Float64Array(B);
  const slots = new Float64Array(B * w.slotCount);
  wasmMarginalSlots(w, 0, rows, logP, slots);
  return { logP, slots };
};
const results: Record<string, Record<string, number[]>> = { old: {}, new: {} };
const rounds = Number(process.env.AB_ROUNDS ?? 9);
for (let round_ = 0; round_ < rounds; round_++) {
  for (const [name, w] of Object.entries(sides)) {
    w.ensureFlowBuffers();
    const R = w.chunkRows;
    w.loadEvidence(rows, 0, R);
    const { k, evPtr, valPtr, flowPtr, quotientPtr, marginalPtr, slotCount } = w;
    const t = (f: () => void) =>
      timeMedian(300, () => {
        for (let c = 0; c < B / R; c++) f();
      }).ms;
    const add = (key: string, ms: number) => (results[name]![key] ??= []).push(ms);
    add(
      "upward",
      t(() => k.upward(R, evPtr, valPtr, w.weightPtr[0]!, w.leafPtr[0]!)),
    );
    // builds before parentWeights took the weights in CSR order
    const down = "parentWeights" in k ? w.parentWeights(0) : w.weightPtr[0]!;
    add(
      "downward",
      t(() => k.downward(R, valPtr, flowPtr, quotientPtr, down, w.downCodePtr)),
    );
    add(
      "leafMarginals",
      t(() => k.leafMarginals(R, flowPtr, w.leafPtr[0]!, marginalPtr, slotCount)),
    );
    add("batch", timeMedian(0, () => slotsOf(w), 3).ms);
  }
}
const a = slotsOf(sides.old);
const b = slotsOf(sides.new);
const same = (x: Float64Array, y: Float64Array) => x.every((v, i) => Object.is(v, y[i]));
const med = (xs: number[]) => xs.slice().sort((p, q) => p - q)[xs.length >> 1]!;
const out: Record<string, unknown> = {};
for (const key of Object.keys(results.old!)) {
  const [o, n] = [results.old![key]!, results.new![key]!];
  out[key] = { old: round(med(o)), new: round(med(n)), oldMin: round(Math.min(...o)), newMin: round(Math.min(...n)) };
}
out.sameBits = same(a.logP, b.logP) && same(a.slots, b.slots);
console.log(JSON.stringify(out));
