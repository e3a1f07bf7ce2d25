import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng, standardNormal, uniformInt } from "../../../shared/numeric/rng.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import {
  membersThatFit,
  SERVED_PEAK_BUDGET_MIB,
  servedPeakMiB,
  servedShapeOf,
} from "../../../shared/spn/served-load.ts";
import { serializeTrained } from "../../../trainers/spn/artifact.ts";
import { loadData } from "../../../trainers/spn/load-data.ts";
import type { StructureOptions } from "../../../trainers/spn/region-graph.ts";
import { keepMembers, servableGrid } from "../../../trainers/spn/servable.ts";
import { SEARCH_GRID, searchGrid } from "../../../trainers/spn/structure-search.ts";
import { servedShape } from "../../../trainers/spn/served-shape.ts";
import { type TrainResult, train } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";

/** A mixed table: two correlated measurements, a 3-state category, a binary class, a blank or two. */
function writeTable(path: string, rows: number): void {
  const rng = createRng(5);
  const lines = ["size,weight,kind,class"];
  for (let n = 0; n < rows; n++) {
    const b = uniformInt(rng, 2);
    const size = 10 + 3 * b + standardNormal(rng);
    const kind = n % 17 === 0 ? "" : ["a", "b", "c"][uniformInt(rng, 3)];
    lines.push([size.toFixed(3), (2 * size + standardNormal(rng)).toFixed(3), kind, b ? "yes" : "no"].join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

const dir = mkdtempSync(join(tmpdir(), "spn-served-"));
writeTable(join(dir, "t.csv"), 120);
writeFileSync(
  join(dir, "b.csv"),
  Array.from({ length: 60 }, (_, n) => `${n & 1},${(n >> 1) & 1},${n % 3 ? 1 : 0},1`).join("\n"),
);
const none = { types: new Map(), ignore: [], split: null };

describe("servedShape (the compiled size of the artifact a training result writes)", () => {
  it.each([
    ["binary, depth 2", "b.csv", { partitions: 2, sumComponents: 2, leafComponents: 3, depth: 2 }],
    ["mixed, products", "t.csv", { partitions: 3, sumComponents: 2, leafComponents: 2, depth: 1 }],
    ["mixed, mvn leaves", "t.csv", { partitions: 2, sumComponents: 3, leafComponents: 2, depth: 1, leaf: "mvn" }],
  ])("equals the compiled model's nodes, edges and slots: %s", (_, file, structure) => {
    const data = loadData([join(dir, file)], null, null, none);
    const options = { ...DEFAULT_TRAIN_OPTIONS, burnIn: 2, iterations: 4, thin: 2, members: 2 };
    const result = train(data.train, null, { ...options, structure: structure as StructureOptions });
    const columns = data.columns;
    const names = columns?.map((c) => c.name) ?? Array.from({ length: data.train.cols }, (_, d) => `x${d}`);
    const { spn } = loadSpn(serializeTrained(result, names, columns), "m");
    const blocks = result.state.tab?.mvn ?? null;
    if ((structure as StructureOptions).leaf === "mvn") expect(blocks).not.toBeNull();
    expect(servedShape(result.graph, result.members.length, columns, blocks)).toEqual(servedShapeOf(spn));
  });
});

describe("servedPeakMiB (the predicted workerd peak of a model at its request caps)", () => {
  const shipped = (name: string) =>
    servedShapeOf(loadSpn(readFileSync(join(import.meta.dirname, `../../../models/${name}/spn.json`), "utf8")).spn);

  it("keeps every shipped model within the budget, with plants the largest", () => {
    const peaks = ["plants", "nltcs", "wdbc", "penguins"].map((name) => servedPeakMiB(shipped(name)));
    expect(peaks[0]).toBeCloseTo(59.7 + (2.7 * (10 * (45_080 + 44_160) * 8)) / 1e6 + 1.29 * 26.841, 9);
    for (const peak of peaks) expect(peak).toBeLessThanOrEqual(Math.min(SERVED_PEAK_BUDGET_MIB, peaks[0]!));
  });

  it("keeps fewer members of a graph too large for ten, and none of one too large for one", () => {
    const accidentsJ8 = { nodes: 40_281, edges: 58_520, paramSlots: 71_040, mvn: false }; // mi J8 K5 L2, 111 variables
    const accidentsJ4L3 = { nodes: 45_741, edges: 86_220, paramSlots: 71_040, mvn: false }; // mi J4 K5 L3
    expect(servedPeakMiB({ ...accidentsJ4L3, members: 10 })).toBeGreaterThan(150);
    expect(membersThatFit(accidentsJ8, 10)).toBe(2);
    expect(membersThatFit(accidentsJ4L3, 10)).toBe(0);
    expect(membersThatFit(shipped("nltcs"), 10)).toBe(10);
    // Multivariate Gaussian leaves cost more per member byte: wdbc keeps its 10, at 108.5 MiB.
    expect(servedPeakMiB(shipped("wdbc"))).toBeCloseTo(108.5, 1);
    expect(servedPeakMiB({ ...shipped("wdbc"), mvn: false })).toBeLessThan(90);
  });
});

describe("keepMembers (fewer posterior samples, evenly spaced, ending with the last)", () => {
  it("keeps members and their scores together", () => {
    const members = Array.from({ length: 10 }, (_, s) => ({ id: s }));
    const scores = [members.map((m) => Float64Array.of(m.id)), members.map((m) => Float64Array.of(-m.id))];
    const r = { members, memberScores: scores } as unknown as TrainResult;
    const kept = keepMembers(r, 4);
    expect(kept.members.map((m) => (m as unknown as { id: number }).id)).toEqual([2, 4, 7, 9]);
    expect(kept.memberScores.map((set) => set.map((x) => x[0]))).toEqual([
      [2, 4, 7, 9],
      [-2, -4, -7, -9],
    ]);
    expect(keepMembers(r, 10)).toBe(r);
  });
});

describe("servableGrid (structures too large to serve give way to their two-partition twins)", () => {
  const labels = (cols: number, rows: number) =>
    servableGrid(searchGrid(rows), { rows, cols, x: new Uint8Array(0) }, SERVED_PEAK_BUDGET_MIB).map((c) => c.label);

  it("keeps the grid where every structure can be served (nltcs, plants shapes)", () => {
    expect(labels(16, 16_181)).toEqual(SEARCH_GRID.map((c) => c.label));
    expect(labels(69, 17_412)).toEqual(SEARCH_GRID.map((c) => c.label));
  });

  it("replaces only the unservable ones, keeping depth and components (accidents, wide180 shapes)", () => {
    expect(labels(111, 12_758)).toEqual(["random J8 K5 L2", "mi J8 K5 L2", "mi J2 K5 L3", "mi J4 K3 L2"]);
    expect(labels(180, 1_600)).toEqual([
      "random J2 K5 L2",
      "mi J2 K5 L2",
      "mi J2 K5 L3",
      "mi J4 K3 L2",
      "random J2 K5 L1",
      "mi J2 K5 L1",
    ]);
  });
});
