/**
 * Profile of the batched marginals on the 10k benchmark SPN: each wasm kernel timed alone over
 * 10,000 rows (CPU ms), the whole marginalSlotsBatch call (with and without sharing small-scope
 * values across rows: wasm/pattern-plan.ts), 10,000 single-row marginals calls and the wasm part
 * of those calls alone (upward, logRoot and downward on a 2-row block, 10,000 times;
 * the rest of a single-row call is JS: copying the flows out, summing the leaf distributions).
 * These four run in alternation (spn-timing.ts interleavedRuns): medians and minima of 9 runs.
 * `tsx bench/spn-marginals-profile.ts` prints JSON (docs/spn-benchmark.md).
 */
import { generateRegionSpn, randomRows } from "./spn-generate.ts";
import { interleavedRuns, median, round, timeMedian } from "./spn-timing.ts";
import { loadSpn, marginals, marginalSlotsBatch, parseEvidenceBatch, wasmSpn } from "../shared/spn/index.ts";
import { KIND_PRODUCT, KIND_SUM } from "../shared/spn/compiled-spn.ts";
import { setPatternSharing } from "../shared/spn/wasm/pattern-tables.ts";

const artifact = generateRegionSpn({ variables: 16, sums: 6, leaves: 5, partitions: 2, depth: 3, seed: 1 });
const { spn } = loadSpn(artifact, "10k");
const wasm = wasmSpn(spn)!;
wasm.ensureFlowBuffers();
const B = 10_000;
const rows = parseEvidenceBatch(spn, randomRows(11, 16, B, 0.2), "/rows");
const perRow = Array.from({ length: B }, (_, r) =>
  Float64Array.from({ length: 16 }, (_, v) => rows.values[v * B + r]!),
);
const counts = { sum: 0, product: 0, leaf: 0, sumEdges: 0, productEdges: 0 };
for (let n = 0; n < spn.nodeCount; n++) {
  const e = spn.childStart[n + 1]! - spn.childStart[n]!;
  if (spn.kind[n] === KIND_SUM) counts.sum++, (counts.sumEdges += e);
  else if (spn.kind[n] === KIND_PRODUCT) counts.product++, (counts.productEdges += e);
  else counts.leaf++;
}
const { k, evPtr, valPtr, outPtr, flowPtr, quotientPtr, marginalPtr, slotCount } = wasm;
const R = wasm.chunkRows;
const w = wasm.weightPtr[0]!;
const lp = wasm.leafPtr[0]!;
const chunks = Math.ceil(B / R);
wasm.loadEvidence(rows, 0, R);
const t = (f: () => void) =>
  round(
    timeMedian(800, () => {
      for (let c = 0; c < chunks; c++) f();
    }).ms,
  );
const out = {
  nodes: spn.nodeCount,
  edges: spn.edgeCount,
  ...counts,
  chunkRows: R,
  slotCount,
  loadEvidenceMs: t(() => wasm.loadEvidence(rows, 0, R)),
  upwardMs: t(() => k.upward(R, evPtr, valPtr, w, lp)),
  logRootMs: t(() => k.logRoot(R, valPtr, outPtr)),
  downwardMs: t(() => k.downward(R, valPtr, flowPtr, quotientPtr, wasm.parentWeights(0), wasm.downCodePtr)),
  leafMarginalsMs: t(() => k.leafMarginals(R, flowPtr, lp, marginalPtr, slotCount)),
};
const singleRowKernels = (): void => {
  for (let r = 0; r < B; r++) {
    k.upward(2, evPtr, valPtr, w, lp);
    k.logRoot(2, valPtr, outPtr);
    k.downward(2, valPtr, flowPtr, quotientPtr, wasm.parentWeights(0), wasm.downCodePtr);
  }
};
const unshared = (): void => {
  setPatternSharing(false);
  marginalSlotsBatch(spn, 0, rows);
  setPatternSharing(true);
};
const plan = wasm.patternBuffers()?.plan;
const runs = interleavedRuns(
  [
    () => marginalSlotsBatch(spn, 0, rows),
    unshared,
    () => perRow.forEach((r) => marginals(spn, 0, r)),
    singleRowKernels,
  ],
  9,
);
const [batchMs, batchUnsharedMs, singleCallsMs, singleRowKernelsMs] = runs.map((ms) => round(median(ms.slice())));
const [batchMin, batchUnsharedMin, singleCallsMin, singleRowKernelsMin] = runs.map((ms) => round(Math.min(...ms)));
Object.assign(out, {
  sharing: plan && {
    gatheredNodes: plan.gathered.length,
    skippedNodes: plan.mode.filter((m) => m === 2).length,
    virtualProducts: plan.mode.filter((m) => m === 3).length,
    classes: plan.classes.length,
    syntheticRows: plan.syntheticRows,
  },
  batchMs,
  batchUnsharedMs,
  singleCallsMs,
  singleRowKernelsMs,
  min: {
    batchMs: batchMin,
    batchUnsharedMs: batchUnsharedMin,
    singleCallsMs: singleCallsMin,
    singleRowKernelsMs: singleRowKernelsMin,
  },
});
const ratio = {
  medians: round(singleCallsMs! / batchMs!),
  minima: round(singleCallsMin! / batchMin!),
  unsharedMedians: round(singleCallsMs! / batchUnsharedMs!),
  singleRowKernelsOverBatch: round(singleRowKernelsMs! / batchMs!),
};
console.log(JSON.stringify({ ...out, ratio, load: (await import("node:os")).loadavg()[0] }));
