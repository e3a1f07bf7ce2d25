import { createRng } from "../../shared/numeric/rng.ts";
import { grayOrder, type BinaryData } from "./dataset.ts";
import { defaultTabularHyper } from "./hyper-tabular.ts";
import { initRandomTrees } from "./init.ts";
import { buildRegionGraph, type StructureOptions } from "./region-graph.ts";
import { createGibbsScratch, gibbsStep } from "./sampler-gibbs.ts";
import { createTopDownScratch, topDownStep } from "./sampler-top-down.ts";
import { createState } from "./state.ts";

export interface SpeedRow {
  structure: StructureOptions;
  edges: number;
  phase: "random init" | "after warm-up";
  /** Microseconds per datum update. */
  topDown1: number;
  topDown5: number;
  gibbsSparse: number;
  gibbsDense: number;
}

/**
 * Per-datum cost of each update on one structure, from the same random initial state, then again
 * after `warmUpS` seconds of top-down sweeps (counts sparser, as in a real run). `rows` data updates
 * are timed per sampler. gibbsDense is the textbook bottom-up pass over every edge (Trapp et al.
 * 2019); gibbsSparse is this trainer's (nonzero edges, cached regions).
 */
export function measureSpeed(
  data: BinaryData,
  structure: StructureOptions,
  alpha: number,
  rows: number,
  warmUpS: number,
): SpeedRow[] {
  const rng = createRng(1);
  const sorted = grayOrder(data);
  const graph = buildRegionGraph(rng, data.cols, structure);
  const half = new Float64Array(data.cols).fill(0.5);
  const st = createState(
    graph,
    sorted,
    sorted.columns ? defaultTabularHyper(sorted, alpha) : { a: half, b: half.slice(), alpha },
    structure.leaf === "mvn",
  );
  initRandomTrees(rng, st);
  const td = createTopDownScratch(st);
  const sparse = createGibbsScratch(st);
  const dense = createGibbsScratch(st, true);
  const m = Math.min(rows, sorted.rows);
  const time = (step: (n: number) => void, count = m): number => {
    const t0 = performance.now();
    for (let n = 0; n < count; n++) step(n);
    return ((performance.now() - t0) * 1000) / count;
  };
  const measure = (phase: SpeedRow["phase"]): SpeedRow => {
    // The top-down steps are ~100x cheaper: time 10x as many of them for a stable figure.
    const tdCount = Math.min(sorted.rows, 10 * m);
    return {
      structure,
      edges: graph.edges,
      phase,
      topDown1: time((n) => topDownStep(rng, st, n, td, 1), tdCount),
      topDown5: time((n) => topDownStep(rng, st, n, td, 5), tdCount),
      gibbsSparse: time((n) => gibbsStep(rng, st, n, sparse)),
      gibbsDense: time((n) => gibbsStep(rng, st, n, dense), Math.max(50, Math.floor(m / 4))),
    };
  };
  // JIT warm-up on a few rows so that the first timed phase measures compiled code.
  for (let n = 0; n < Math.min(50, sorted.rows); n++) {
    topDownStep(rng, st, n, td, 1);
    gibbsStep(rng, st, n, sparse);
    gibbsStep(rng, st, n, dense);
  }
  const out = [measure("random init")];
  const t0 = performance.now();
  while ((performance.now() - t0) / 1000 < warmUpS)
    for (let n = 0; n < sorted.rows; n++) topDownStep(rng, st, n, td, 5);
  out.push(measure("after warm-up"));
  return out;
}
