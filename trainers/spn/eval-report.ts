import { PUBLISHED } from "./published.ts";
import type { SpeedRow } from "./eval-speed.ts";
import type { TracePoint } from "./trace.ts";

export interface SamplerRun {
  dataset: string;
  sampler: string;
  testSingle: number;
  testEnsemble: number;
  independent: number;
  seconds: number;
  sweeps: number;
  secondsPerSweep: number;
  acceptance: number | null;
  switchedAtSweep: number | null;
  finalTrainLogLikelihood: number;
  secondsToTarget: number | null;
  target: number;
  edges: number;
  trace: TracePoint[];
}

const f = (v: number | null, digits = 3): string => (v === null || !Number.isFinite(v) ? "—" : v.toFixed(digits));

/** Markdown table: our figures beside the published LearnSPN / ID-SPN / RAT-SPN ones. */
export function likelihoodTable(runs: readonly SamplerRun[]): string {
  const head = [
    "| data set | sampler | test LL (last member) | test LL (ensemble) | s / sweep | sweeps | s to train LL target (target) | acceptance | LearnSPN | ID-SPN | RAT-SPN | indep. (ours) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const rows = runs.map((r) => {
    const p = PUBLISHED[r.dataset];
    return `| ${r.dataset} | ${r.sampler} | ${f(r.testSingle)} | ${f(r.testEnsemble)} | ${f(r.secondsPerSweep, 3)} | ${f(r.sweeps, 1)} | ${f(r.secondsToTarget, 1)} (${f(r.target)}) | ${r.acceptance === null ? "—" : `${(100 * r.acceptance).toFixed(1)}%`} | ${f(p?.learnSpn ?? null, 2)} | ${f(p?.idSpn ?? null, 2)} | ${f(p?.ratSpn ?? null, 2)} | ${f(r.independent, 2)} |`;
  });
  return [...head, ...rows].join("\n");
}

/** Markdown table of per-datum costs and the top-down speed-up over both bottom-up passes. */
export function speedTable(rows: readonly SpeedRow[]): string {
  const head = [
    "| structure (J, K_s=K_l, L) | sum edges | state | top-down 1 prop. µs | top-down 5 prop. µs | Gibbs sparse µs | Gibbs dense µs | dense / top-down 1 | sparse / top-down 1 |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const body = rows.map((r) => {
    const s = r.structure;
    return `| J=${s.partitions}, K=${s.sumComponents}, L=${s.depth} | ${r.edges} | ${r.phase} | ${f(r.topDown1, 2)} | ${f(r.topDown5, 2)} | ${f(r.gibbsSparse, 1)} | ${f(r.gibbsDense, 1)} | ${f(r.gibbsDense / r.topDown1, 1)}× | ${f(r.gibbsSparse / r.topDown1, 1)}× |`;
  });
  return [...head, ...body].join("\n");
}
