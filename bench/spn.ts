/**
 * SPN evaluator benchmark: `npm run bench:spn` prints JSON. Compiled, batched log-space evaluator
 * (shared/spn) against a plain recursive evaluator over node objects (spn-naive.ts), in the same
 * run on the same SPNs and rows; single-query latency; cost of the marginals pass relative to one
 * logprob pass. Throughput figures are medians of process CPU time (wall-clock beside them);
 * latencies are wall-clock medians. See docs/spn-benchmark.md.
 */
import { generateRegionSpn, randomRows, type RegionSpnOptions } from "./spn-generate.ts";
import { buildNaive, naiveLogProb } from "./spn-naive.ts";
import { benchBatchMarginals } from "./spn-batch-marginals.ts";
import { loadSpn, logProbBatch, logProbRow, marginals, parseEvidenceBatch, parseEvidenceRow, spnLogProb } from "../shared/spn/index.ts";

const SPNS_ALL: { label: string; options: RegionSpnOptions }[] = [
  { label: "10k", options: { variables: 16, sums: 6, leaves: 5, partitions: 2, depth: 3, seed: 1 } },
  { label: "1M", options: { variables: 64, sums: 18, leaves: 16, partitions: 2, depth: 4, seed: 1 } },
];
const SPNS = process.env.SPN_BENCH_QUICK ? SPNS_ALL.slice(0, 1) : SPNS_ALL;
const BATCHES = [1, 100, 10_000];
/** Per measurement, repeat until about this much time has passed (at least 3 runs, or 1 if slow). */
const BUDGET_MS = { compiled: 800, naive: 800 };
/** The naive evaluator is timed on at most this many edge-rows per measurement (per-row cost is constant). */
const NAIVE_MAX_EDGE_ROWS = 1e7;

/**
 * Median over runs of process CPU time (user + system) and of wall-clock time. CPU time is the
 * headline figure: on a shared machine it excludes the time this process was descheduled.
 */
function timeMedian(budgetMs: number, f: () => void, minRuns = 3): { ms: number; wallMs: number; reps: number } {
  if (minRuns > 1) f(); // warm-up and JIT (a single-run measurement relies on earlier, smaller runs)
  const cpu: number[] = [];
  const wall: number[] = [];
  const start = performance.now();
  while (cpu.length < minRuns || (performance.now() - start < budgetMs && cpu.length < 100_000)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
    if (wall[0]! > budgetMs) break;
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  return { ms: median(cpu), wallMs: median(wall), reps: cpu.length };
}

const round = (x: number, digits = 3): number => Number(x.toPrecision(digits));
const report: Record<string, unknown> = { command: "npm run bench:spn", node: process.version, date: new Date().toISOString() };
const spns: unknown[] = [];
const throughput: unknown[] = [];
const marginalCost: unknown[] = [];
let singleQuery: unknown = null;
let batchMarginals: unknown = null;

for (const { label, options } of SPNS) {
  const t0 = performance.now();
  const artifact = generateRegionSpn(options);
  const t1 = performance.now();
  const model = loadSpn(artifact, label); // schema parse + validation + compilation
  const t2 = performance.now();
  const { spn } = model;
  const naive = buildNaive(artifact);
  spns.push({ label, ...options, nodes: spn.nodeCount, edges: spn.edgeCount, generateMs: round(t1 - t0), loadMs: round(t2 - t1) });

  for (const B of BATCHES) {
    const named = randomRows(B, options.variables, B, 0.2);
    const batch = parseEvidenceBatch(spn, named, "/rows");
    // 1M edges x 10,000 rows is 1e10 edge-rows, tens of seconds: one run, after the smaller batches warmed the JIT.
    const big = spn.edgeCount * B > 1e9;
    let got: Float64Array = new Float64Array(0);
    const compiled = timeMedian(big ? 0 : BUDGET_MS.compiled, () => (got = logProbBatch(spn, 0, batch)), big ? 1 : 3);
    const naiveRowCount = Math.max(1, Math.min(B, Math.floor(NAIVE_MAX_EDGE_ROWS / spn.edgeCount)));
    const naiveRows = named.slice(0, naiveRowCount).map((row) => Array.from({ length: options.variables }, (_, v) => row[`x${v}`]));
    const naiveTime = timeMedian(BUDGET_MS.naive, () => naiveLogProb(naive, naiveRows));
    const check = naiveLogProb(naive, naiveRows);
    const maxAbsDiff = Math.max(...check.map((x, r) => Math.abs(x - got[r]!)));
    const compiledNs = (compiled.ms * 1e6) / (spn.edgeCount * B);
    const naiveNs = (naiveTime.ms * 1e6) / (spn.edgeCount * naiveRowCount);
    throughput.push({
      spn: label,
      batch: B,
      compiled: {
        nsPerEdgeRow: round(compiledNs),
        rowsPerSecond: round((B / compiled.ms) * 1e3),
        edgeRowsPerSecond: round(1e9 / compiledNs),
        wallNsPerEdgeRow: round((compiled.wallMs * 1e6) / (spn.edgeCount * B)),
        runs: compiled.reps,
      },
      naive: {
        nsPerEdgeRow: round(naiveNs),
        rowsPerSecond: round((naiveRowCount / naiveTime.ms) * 1e3),
        wallNsPerEdgeRow: round((naiveTime.wallMs * 1e6) / (spn.edgeCount * naiveRowCount)),
        rowsTimed: naiveRowCount,
        runs: naiveTime.reps,
      },
      speedup: round(naiveNs / compiledNs),
      maxAbsDiffVsNaive: maxAbsDiff,
    });
    console.error(`${label} batch ${B}: compiled ${round(compiledNs)} ns/edge-row, naive ${round(naiveNs)}, x${round(naiveNs / compiledNs)}`);
  }

  const row = parseEvidenceRow(spn, randomRows(7, options.variables, 1, 0.2)[0], "/evidence");
  const lp = timeMedian(1000, () => logProbRow(spn, 0, row));
  const mg = timeMedian(1000, () => marginals(spn, 0, row));
  marginalCost.push({ spn: label, logProbUs: round(lp.wallMs * 1e3), marginalsUs: round(mg.wallMs * 1e3), ratio: round(mg.wallMs / lp.wallMs) });

  if (label === "10k") batchMarginals = benchBatchMarginals(model, options.variables, timeMedian);

  if (label === "10k") {
    const named = randomRows(8, options.variables, 1, 0.2);
    const reps = 20_000;
    const core: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < reps; i++) {
      const a = performance.now();
      logProbRow(spn, 0, row);
      const b = performance.now();
      spnLogProb(model, named);
      api.push(performance.now() - b);
      core.push(b - a);
    }
    const median = (xs: number[]): number => xs.sort((x, y) => x - y)[xs.length >> 1]!;
    singleQuery = { spn: label, edges: spn.edgeCount, reps, coreMedianUs: round(median(core) * 1e3), apiMedianUs: round(median(api) * 1e3) };
  }
}

Object.assign(report, { spns, throughput, singleQuery, marginalCost, batchMarginals });
console.log(JSON.stringify(report, null, 2));
