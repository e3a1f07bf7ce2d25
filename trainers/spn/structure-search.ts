import type { BinaryData } from "./dataset.ts";
import { ensembleFromScores } from "./evaluate.ts";
import type { StructureOptions } from "./region-graph.ts";
import { train, type TrainProgress, type TrainResult } from "./train.ts";
import type { TrainOptions } from "./train-options.ts";

export interface SearchCandidate {
  label: string;
  structure: StructureOptions;
}

/**
 * The default grid, small on purpose (each candidate needs a few sweeps before its validation LL
 * means anything). Edge counts stay <= ~36k (900, 16,200, 16,200, 36,100) so that S = 10 members
 * stay a servable spn.json.
 */
export const SEARCH_GRID: readonly SearchCandidate[] = [
  {
    label: "random J8 K5 L2",
    structure: { partitions: 8, sumComponents: 5, leafComponents: 5, depth: 2, split: "random" },
  },
  { label: "mi J8 K5 L2", structure: { partitions: 8, sumComponents: 5, leafComponents: 5, depth: 2, split: "mi" } },
  { label: "mi J4 K5 L3", structure: { partitions: 4, sumComponents: 5, leafComponents: 5, depth: 3, split: "mi" } },
  { label: "mi J4 K3 L2", structure: { partitions: 4, sumComponents: 3, leafComponents: 3, depth: 2, split: "mi" } },
];

/**
 * Tables with fewer training rows than this also try depth-1 graphs with many partitions (below).
 * Above it the grid stays SEARCH_GRID, whose DEBD figures (docs/spn-training.md) it keeps.
 */
export const SHORT_TABLE_ROWS = 2000;

/**
 * Wide, shallow candidates for short tables: the root mixes J = 64 partitions of all columns
 * into two halves, each half a K = 5 mixture of products (1,600 sum edges; leaf nodes 64 x 2 x 5
 * x D/2 = 320 D per member, as many as J8 K5 L2's). With a few hundred rows, many coarse views of
 * the table averaged at the root generalise better than deep nesting, whose lower regions see few
 * rows each (wdbc validation LL: J64 K5 L1 19.02 vs J8 K5 L2 17.71, docs/spn-tables.md). A short
 * table's sweep is cheap, so two more candidates cost the search little.
 */
export const SHALLOW_CANDIDATES: readonly SearchCandidate[] = [
  {
    label: "random J64 K5 L1",
    structure: { partitions: 64, sumComponents: 5, leafComponents: 5, depth: 1, split: "random" },
  },
  { label: "mi J64 K5 L1", structure: { partitions: 64, sumComponents: 5, leafComponents: 5, depth: 1, split: "mi" } },
];

/**
 * The grid the default command searches, derived from the table's shape by two stated rules:
 * SEARCH_GRID, plus SHALLOW_CANDIDATES when the training table has fewer than SHORT_TABLE_ROWS
 * rows; and every structure also with multivariate Gaussian leaves (withMvnLeaves) when at least
 * two continuous columns have no missing training cell (`blockColumns`, the columns a block can
 * hold: leaf-mvn.ts). Binary and categorical tables (DEBD, nltcs) keep their grid. The choice among
 * them is always made on validation LL (searchAndTrain), within the artifact cap.
 */
export function searchGrid(trainRows: number, blockColumns = 0): readonly SearchCandidate[] {
  const grid = trainRows < SHORT_TABLE_ROWS ? [...SEARCH_GRID, ...SHALLOW_CANDIDATES] : SEARCH_GRID;
  return blockColumns >= 2 ? withMvnLeaves(grid) : grid;
}

/**
 * The grid with a multivariate Gaussian (NIW) leaf variant of every structure (leaf-mvn.ts),
 * labelled "<label> mvn": a table with continuous columns can then choose, on validation LL,
 * between products of univariate leaves and full-covariance blocks (served as the engine's "mvn"
 * node kind, docs/spn-artifact.md).
 */
export function withMvnLeaves(grid: readonly SearchCandidate[]): SearchCandidate[] {
  return [
    ...grid,
    ...grid.map((c) => ({ label: `${c.label} mvn`, structure: { ...c.structure, leaf: "mvn" as const } })),
  ];
}

/**
 * Largest spn.json the search may choose (10 MB): a deployed isolate has 128 MB for every model
 * it holds and the request at its caps, and parsing the file costs a multiple of its size (binary
 * models store only counts, which keeps the DEBD graphs well under it: docs/spn-artifact.md). A candidate whose artifact (measured by writing its chain's members,
 * scaled to S members) is larger leaves the search after its first chain, unless every one is.
 */
export const ARTIFACT_CAP_BYTES = 10_000_000;

/** Share of the budget spent comparing candidates; the winner's final chain gets the rest. */
export const SEARCH_SHARE = 0.35;

/** One chain of the search, as the manifest records it. */
export interface CandidateRecord {
  label: string;
  /**
   * 1, 2, ... for successive-halving rounds; "final" for the winner's chain; "skipped" for a
   * candidate left out before training because its artifact could not fit the cap
   * (artifact-size.ts; `artifactBytes` is then that lower bound, validLogLikelihood NaN).
   */
  round: number | "final" | "skipped";
  structure: StructureOptions;
  edges: number;
  budgetS: number;
  seconds: number;
  sweeps: number;
  /** Ensemble validation LL (nats/row) of the chain's members on the whole validation set. */
  validLogLikelihood: number;
  /** spn.json bytes of this chain with the members it would keep (when the caller measures them). */
  artifactBytes?: number;
  /**
   * Members the final model would keep (when measured): the most, at most S, that fit a deployed
   * isolate by its predicted peak (shared/spn/served-load.ts) and the artifact cap; 0 when not even one does.
   */
  members?: number;
}

/** What the caller measures of a chain: its artifact's bytes and the members that fit. */
export type MeasureCandidate = (r: TrainResult) => { artifactBytes: number; members: number };

export interface SearchResult {
  result: TrainResult;
  winner: SearchCandidate;
  candidates: CandidateRecord[];
}

/**
 * Successive halving (Jamieson & Talwalkar 2016) over `grid` on validation log-likelihood within
 * o.budgetS of training time: every candidate runs a short chain, the better half (by the
 * ensemble LL of its members on `valid`) runs again with twice the time, until one is left; that
 * one then runs a fresh chain with the rest of the budget. Every chain trains on `data` only, so
 * the validation figures stay honest. Chains restart rather than resume: a budget-mode chain's
 * schedule (burn-in, switch, member spacing) is laid out over its own budget.
 */
export function searchAndTrain(
  data: BinaryData,
  valid: BinaryData,
  o: TrainOptions,
  scoreSets: readonly BinaryData[],
  grid: readonly SearchCandidate[] = searchGrid(data.rows),
  onProgress?: (p: TrainProgress, label: string) => void,
  onCandidate?: (c: CandidateRecord) => void,
  measure?: MeasureCandidate,
): SearchResult {
  const budget = o.budgetS ?? 600;
  const rounds = Math.max(1, Math.ceil(Math.log2(grid.length)));
  const first = (budget * SEARCH_SHARE) / (rounds * grid.length);
  const candidates: CandidateRecord[] = [];
  const chain = (c: SearchCandidate, budgetS: number, sets: readonly BinaryData[]): TrainResult =>
    train(
      data,
      valid,
      { ...o, structure: c.structure, budgetS },
      onProgress ? (p) => onProgress(p, c.label) : undefined,
      sets,
    );
  const record = (
    c: SearchCandidate,
    round: CandidateRecord["round"],
    budgetS: number,
    r: TrainResult,
    validScores: Float64Array[],
  ): CandidateRecord => {
    const rec: CandidateRecord = {
      label: c.label,
      round,
      structure: c.structure,
      edges: r.graph.edges,
      budgetS,
      seconds: r.seconds,
      sweeps: r.sweeps,
      validLogLikelihood: ensembleFromScores(validScores),
      ...(measure ? measure(r) : {}),
    };
    candidates.push(rec);
    onCandidate?.(rec);
    return rec;
  };
  let alive = grid.slice();
  let spent = 0;
  for (let round = 1; alive.length > 1; round++) {
    const budgetS = first * 2 ** (round - 1);
    const scored = alive.map((c) => {
      const r = chain(c, budgetS, [valid]);
      spent += r.seconds;
      const rec = record(c, round, budgetS, r, r.memberScores[0]!);
      return { c, valid: rec.validLogLikelihood, members: rec.members };
    });
    // Stable sort: ties keep grid order, so the result does not depend on timing noise in ties.
    scored.sort((p, q) => q.valid - p.valid);
    const fits = scored.filter((s) => (s.members ?? 1) >= 1);
    const pool = fits.length > 0 ? fits : scored;
    alive = pool.slice(0, Math.ceil(scored.length / 2)).map((s) => s.c);
  }
  const winner = alive[0]!;
  const finalBudget = Math.max(budget - spent, budget * (1 - SEARCH_SHARE) * 0.5);
  const validAt = scoreSets.indexOf(valid);
  const result = chain(winner, finalBudget, validAt >= 0 ? scoreSets : [...scoreSets, valid]);
  record(winner, "final", finalBudget, result, result.memberScores[validAt >= 0 ? validAt : scoreSets.length]!);
  return { result, winner, candidates };
}
