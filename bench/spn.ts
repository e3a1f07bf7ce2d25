/**
 * SPN evaluator benchmark: `npm run bench:spn` prints JSON. Three evaluators on the same SPNs and
 * rows in one run: the WebAssembly evaluator (shared/spn/wasm, linear space, SIMD), the compiled
 * JS evaluator (shared/spn, log space; the reference) and a plain recursive evaluator over node
 * objects (spn-naive.ts); ratios between them; single-query latency; the marginals pass; batched
 * against per-row marginals. Throughput: medians of process CPU time (wall-clock beside them);
 * latencies: wall-clock medians. See docs/spn-benchmark.md.
 */
import { loadavg } from "node:os";
import { generateRegionSpn, randomRows, type RegionSpnOptions } from "./spn-generate.ts";
import { buildNaive, naiveLogProb } from "./spn-naive.ts";
import { benchBatchMarginals } from "./spn-batch-marginals.ts";
import { interleavedMedians, latencyUs, round, timeMedian } from "./spn-timing.ts";
import {
  loadSpn,
  logProbBatch,
  logProbBatchJs,
  marginals,
  marginalSlotsBatch,
  parseEvidenceBatch,
  parseEvidenceRow,
  setSpnBackend,
  spnLogProb,
  wasmSpn,
} from "../shared/spn/index.ts";

const SPNS_ALL: { label: string; options: RegionSpnOptions }[] = [
  { label: "10k", options: { variables: 16, sums: 6, leaves: 5, partitions: 2, depth: 3, seed: 1 } },
  { label: "1M", options: { variables: 64, sums: 18, leaves: 16, partitions: 2, depth: 4, seed: 1 } },
];
/** SPN_BENCH_ONLY=marginals: only the batched vs single-row marginals pair (10k SPN, ~1 min). */
const ONLY_MARGINALS = process.env.SPN_BENCH_ONLY === "marginals";
const SPNS = process.env.SPN_BENCH_QUICK || ONLY_MARGINALS ? SPNS_ALL.slice(0, 1) : SPNS_ALL;
const BATCHES = ONLY_MARGINALS ? [] : [1, 100, 10_000];
const BUDGET_MS = 800;
/** The naive evaluator is timed on at most this many edge-rows per measurement (per-row cost is constant). */
const NAIVE_MAX_EDGE_ROWS = 1e7;

const report: Record<string, unknown> = {
  command: "npm run bench:spn",
  node: process.version,
  date: new Date().toISOString(),
};
const spns: unknown[] = [];
const throughput: unknown[] = [];
const marginalCost: unknown[] = [];
let singleQuery: unknown = null;
let batchMarginals: unknown = null;
let ensembleBatchMarginals: unknown = null;
const nsPerEdgeRow = (ms: number, edgeRows: number) => round((ms * 1e6) / edgeRows);

for (const { label, options } of SPNS) {
  const artifact = generateRegionSpn(options);
  const t1 = performance.now();
  const model = loadSpn(artifact, label); // schema parse + validation + compilation
  const t2 = performance.now();
  const { spn } = model;
  const wasm = wasmSpn(spn)!; // instantiation + copying the graph and parameters into wasm memory
  const t3 = performance.now();
  const naive = buildNaive(artifact);
  const base = {
    label,
    ...options,
    nodes: spn.nodeCount,
    edges: spn.edgeCount,
    loadMs: round(t2 - t1),
    wasmInstanceMs: round(t3 - t2),
  };
  spns.push({ ...base, wasmRowsPerChunk: wasm.chunkRows, wasmMemoryMiB: round(wasm.memoryBytes / 2 ** 20) });

  for (const B of BATCHES) {
    const named = randomRows(B, options.variables, B, 0.2);
    const batch = parseEvidenceBatch(spn, named, "/rows");
    const edgeRows = spn.edgeCount * B;
    // 1M edges x 10,000 rows is 1e10 edge-rows, tens of seconds in JS: one run, after the smaller batches warmed the JIT.
    const big = edgeRows > 1e9;
    let viaJs: Float64Array = new Float64Array(0);
    let viaWasm: Float64Array = new Float64Array(0);
    setSpnBackend("wasm");
    const w = timeMedian(BUDGET_MS, () => (viaWasm = logProbBatch(spn, 0, batch)));
    setSpnBackend("auto");
    const js = timeMedian(big ? 0 : BUDGET_MS, () => (viaJs = logProbBatchJs(spn, 0, batch)), big ? 1 : 3);
    const naiveRowCount = Math.max(1, Math.min(B, Math.floor(NAIVE_MAX_EDGE_ROWS / spn.edgeCount)));
    const naiveRows = named
      .slice(0, naiveRowCount)
      .map((row) => Array.from({ length: options.variables }, (_, v) => row[`x${v}`]));
    const naiveTime = timeMedian(BUDGET_MS, () => naiveLogProb(naive, naiveRows));
    const check = naiveLogProb(naive, naiveRows);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    const wasmNs = nsPerEdgeRow(w.ms, edgeRows);
    const jsNs = nsPerEdgeRow(js.ms, edgeRows);
    const naiveNs = nsPerEdgeRow(naiveTime.ms, spn.edgeCount * naiveRowCount);
    throughput.push({
      spn: label,
      batch: B,
      wasm: {
        nsPerEdgeRow: wasmNs,
        rowsPerSecond: round((B / w.ms) * 1e3),
        wallNsPerEdgeRow: nsPerEdgeRow(w.wallMs, edgeRows),
        runs: w.reps,
      },
      compiledJs: {
        nsPerEdgeRow: jsNs,
        rowsPerSecond: round((B / js.ms) * 1e3),
        wallNsPerEdgeRow: nsPerEdgeRow(js.wallMs, edgeRows),
        runs: js.reps,
      },
      naive: {
        nsPerEdgeRow: naiveNs,
        rowsTimed: naiveRowCount,
        wallNsPerEdgeRow: nsPerEdgeRow(naiveTime.wallMs, spn.edgeCount * naiveRowCount),
        runs: naiveTime.reps,
      },
      wasmVsCompiledJs: round(jsNs / wasmNs),
      wasmVsNaive: round(naiveNs / wasmNs),
      compiledJsVsNaive: round(naiveNs / jsNs),
      maxRelDiffWasmVsJs: Math.max(...Array.from(viaWasm, (x, r) => rel(x, viaJs[r]!))),
      maxRelDiffWasmVsNaive: Math.max(...check.map((x, r) => rel(viaWasm[r]!, x))),
    });
    console.error(
      `${label} batch ${B}: wasm ${wasmNs} ns/edge-row, js ${jsNs}, naive ${naiveNs}; wasm x${round(jsNs / wasmNs)} vs js, x${round(naiveNs / wasmNs)} vs naive`,
    );
  }

  const row = parseEvidenceRow(spn, randomRows(7, options.variables, 1, 0.2)[0], "/evidence");
  const one = { rowCount: 1, values: row };
  const side = (backend: "wasm" | "js") => {
    setSpnBackend(backend);
    const lp = timeMedian(1000, () => logProbBatch(spn, 0, one));
    const mg = timeMedian(1000, () => marginals(spn, 0, row));
    // CPU time: on a loaded machine a wall-clock median of a multi-millisecond call includes waiting for a core.
    return {
      logProbUs: round(lp.ms * 1e3),
      marginalsUs: round(mg.ms * 1e3),
      ratio: round(mg.ms / lp.ms),
      wallLogProbUs: round(lp.wallMs * 1e3),
      wallMarginalsUs: round(mg.wallMs * 1e3),
    };
  };
  if (!ONLY_MARGINALS) marginalCost.push({ spn: label, wasm: side("wasm"), compiledJs: side("js") });
  setSpnBackend("auto");

  if (label === "10k" && !ONLY_MARGINALS)
    ensembleBatchMarginals = benchBatchMarginals(model, options.variables, timeMedian);

  if (label === "10k" && !ONLY_MARGINALS) {
    const named = randomRows(8, options.variables, 1, 0.2);
    const reps = 20_000;
    setSpnBackend("js");
    const jsCore = latencyUs(reps, () => logProbBatch(spn, 0, one));
    setSpnBackend("auto");
    const wasmCore = latencyUs(reps, () => logProbBatch(spn, 0, one));
    const api = latencyUs(reps, () => spnLogProb(model, named));
    singleQuery = {
      spn: label,
      edges: spn.edgeCount,
      reps,
      wasmCoreMedianUs: wasmCore,
      compiledJsCoreMedianUs: jsCore,
      apiMedianUs: api,
      ratio: round(jsCore / wasmCore),
    };
  }

  if (label === "10k") {
    const B = 10_000;
    const rows = parseEvidenceBatch(spn, randomRows(11, options.variables, B, 0.2), "/rows");
    const perRow = Array.from({ length: B }, (_, r) =>
      Float64Array.from({ length: spn.variables.length }, (_, v) => rows.values[v * B + r]!),
    );
    // batched and single-row calls in alternation (interleavedMedians), 9 runs each
    const [batchedMs, wasmSingles] = interleavedMedians(
      [() => marginalSlotsBatch(spn, 0, rows), () => perRow.forEach((r) => marginals(spn, 0, r))],
      9,
    ) as [number, number];
    const batched = { ms: batchedMs };
    setSpnBackend("js");
    const jsSingles = timeMedian(BUDGET_MS, () => perRow.forEach((r) => marginals(spn, 0, r))).ms;
    setSpnBackend("auto");
    batchMarginals = {
      spn: label,
      rows: B,
      batchedWasmMs: round(batched.ms),
      singleRowCallsMs: round(wasmSingles),
      singleRowCallsJsMs: round(jsSingles),
      speedupVsSingleRowCalls: round(wasmSingles / batched.ms),
      speedupVsSingleRowJsCalls: round(jsSingles / batched.ms),
    };
  }
}

report.loadAverage = loadavg().map((x) => round(x));
Object.assign(report, { spns, throughput, singleQuery, marginalCost, batchMarginals, ensembleBatchMarginals });
console.log(JSON.stringify(report, null, 2));
