import { createRng } from "../../shared/numeric/rng.ts";
import { membersThatFit, servedPeakMiB } from "../../shared/spn/served-load.ts";
import { serializeTrained } from "./artifact.ts";
import type { BinaryData } from "./dataset.ts";
import { buildRegionGraph, type StructureOptions } from "./region-graph.ts";
import { servedShape } from "./served-shape.ts";
import { ARTIFACT_CAP_BYTES, type MeasureCandidate, type SearchCandidate } from "./structure-search.ts";
import type { ColumnSpec } from "./table-columns.ts";
import type { TrainResult } from "./train.ts";

/**
 * The members a trained model can keep and still be served: the most, at most `wanted`, whose
 * predicted served peak stays within `budgetMiB` (shared/spn/served-load.ts) and whose spn.json
 * stays within ARTIFACT_CAP_BYTES (0 when not even one member does), with the artifact's bytes at
 * that count.
 */
export function servableMembers(
  names: readonly string[],
  columns: readonly ColumnSpec[] | null,
  wanted: number,
  budgetMiB: number,
): MeasureCandidate {
  return (r) => {
    const perMember = serializeTrained(r, names, columns).length / Math.max(1, r.members.length);
    const shape = servedShape(r.graph, wanted, columns, r.state.tab?.mvn ?? null);
    const members = Math.min(membersThatFit(shape, wanted, budgetMiB), Math.floor(ARTIFACT_CAP_BYTES / perMember));
    return { artifactBytes: Math.round(perMember * Math.max(1, members)), members };
  };
}

/**
 * The result with `count` of its members, evenly spaced along the chain and ending with the last
 * (the posterior samples a shorter thinning would have kept), their scores with them.
 */
export function keepMembers(r: TrainResult, count: number): TrainResult {
  const S = r.members.length;
  if (count >= S) return r;
  const kept = Array.from({ length: count }, (_, j) => Math.round(((j + 1) * S) / count) - 1);
  return {
    ...r,
    members: kept.map((s) => r.members[s]!),
    memberScores: r.memberScores.map((set) => kept.map((s) => set[s]!)),
  };
}

/** The predicted served peak in MiB (shared/spn/served-load.ts) of a result as it will be written. */
export function resultServedPeakMiB(r: TrainResult, columns: readonly ColumnSpec[] | null): number {
  return servedPeakMiB(servedShape(r.graph, r.members.length, columns, r.state.tab?.mvn ?? null));
}

/**
 * The search grid with each structure that could not be served even with one member (predicted
 * from its region graph before training; mvn blocks not counted) replaced by its two-partition
 * twin: the same depth and component counts with the fewest leaves that still mix two views. On
 * wide binary tables the grid's J4 and J8 graphs have 40,000-68,000 nodes, more than an isolate
 * holds; their J2 twins keep depth (accidents: mi J2 K5 L3, 5,911 nodes, test LL -29.88 at 300 s,
 * where mi J8 K5 L2 with the 2 members that fit gave -30.86). Labels say J2; duplicates are dropped.
 */
export function servableGrid(grid: readonly SearchCandidate[], data: BinaryData, budgetMiB: number): SearchCandidate[] {
  const fits = (s: StructureOptions): boolean => {
    const g = buildRegionGraph(createRng(1), data.cols, { ...s, split: "random" });
    return membersThatFit(servedShape(g, 1, data.columns), 1, budgetMiB) >= 1;
  };
  const out: SearchCandidate[] = [];
  for (const c of grid) {
    const twin = { label: c.label.replace(/\bJ\d+\b/, "J2"), structure: { ...c.structure, partitions: 2 } };
    const pick = fits(c.structure) || c.structure.partitions <= 2 || !fits(twin.structure) ? c : twin;
    if (!out.some((o) => o.label === pick.label)) out.push(pick);
  }
  return out;
}
