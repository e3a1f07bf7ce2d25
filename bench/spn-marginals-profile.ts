/**
 * Profile of the batched marginals on the 10k benchmark SPN: each wasm kernel timed alone over
 * 10,000 rows (CPU ms), the whole marginalSlotsBatch call and 10,000 single-row marginals calls
 * (these two in alternation, spn-timing.ts interleavedMedians).
 * `tsx bench/spn-marginals-profile.ts` prints JSON (docs/spn-benchmark.md).
 */
import { generateRegionSpn, randomRows } from "./spn-generate.ts";
import { interleavedMedians, round, timeMedian } from "./spn-timing.ts";
import { loadSpn, marginals, marginalSlotsBatch, parseEvidenceBatch, wasmSpn } from "../shared/spn/index.ts";
import { KIND_PRODUCT, KIND_SUM } from "../shared/spn/compiled-spn.ts";

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
  downwardMs: t(() => k.downward(R, valPtr, flowPtr, quotientPtr, wasm.parentWeights(0))),
  leafMarginalsMs: t(() => k.leafMarginals(R, flowPtr, lp, marginalPtr, slotCount)),
};
const [batchMs, singleCallsMs] = interleavedMedians(
  [() => marginalSlotsBatch(spn, 0, rows), () => perRow.forEach((r) => marginals(spn, 0, r))],
  9,
).map((ms) => round(ms));
Object.assign(out, { batchMs, singleCallsMs });
console.log(
  JSON.stringify({ ...out, ratio: round(singleCallsMs! / batchMs!), load: (await import("node:os")).loadavg()[0] }),
);
