import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng, standardNormal, uniformInt } from "../../../shared/numeric/rng.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { logProbBatch } from "../../../shared/spn/log-prob.ts";
import { servedLogLikelihoods } from "../../../bench/spn-mvn-served.ts";
import { serializeTrained } from "../../../trainers/spn/artifact.ts";
import { loadData } from "../../../trainers/spn/load-data.ts";
import { searchGrid } from "../../../trainers/spn/structure-search.ts";
import { logScaleOffset, missingCode } from "../../../trainers/spn/table-encode.ts";
import { train } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";

/** Three strongly correlated measurements (size, a near-copy, its square-ish) and a class. */
function writeTable(path: string, rows: number, seed: number): void {
  const rng = createRng(seed);
  const lines = ["radius,perimeter,area,texture,class"];
  for (let n = 0; n < rows; n++) {
    const b = uniformInt(rng, 2);
    const r = 12 + 4 * b + 2 * standardNormal(rng);
    const cells = [
      r,
      6.3 * r + 0.5 * standardNormal(rng),
      3.1 * r * r + 20 * standardNormal(rng),
      20 + 3 * standardNormal(rng),
    ];
    lines.push([...cells.map((c) => c.toFixed(3)), b === 1 ? "M" : "B"].join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

describe("artifact of a model with multivariate Gaussian leaves", () => {
  const dir = mkdtempSync(join(tmpdir(), "spn-mvn-"));
  writeTable(join(dir, "train.csv"), 200, 1);
  writeTable(join(dir, "test.csv"), 60, 2);
  const loaded = loadData([join(dir, "train.csv")], null, join(dir, "test.csv"), {
    types: new Map(),
    ignore: [],
    split: null,
  });
  const columns = loaded.columns!;
  const options = {
    ...DEFAULT_TRAIN_OPTIONS,
    burnIn: 6,
    iterations: 6,
    thin: 2,
    members: 3,
    structure: { sumComponents: 3, leafComponents: 3, partitions: 2, depth: 1, leaf: "mvn" as const },
  };
  const result = train(loaded.train, null, options);
  const write = () =>
    serializeTrained(
      result,
      columns.map((c) => c.name),
      columns,
    );
  const text = write();
  const model = loadSpn(text, "mvn");

  it("writes one mvn node per block component and the same bytes twice", () => {
    const artifact = JSON.parse(text) as { nodes: { kind: string; variables?: number[] }[] };
    const blocks = artifact.nodes.filter((n) => n.kind === "mvn");
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every((n) => n.variables!.every((v) => columns[v]!.kind === "continuous"))).toBe(true);
    expect(write()).toBe(text);
  });

  it("is served with the log-likelihood the trainer's served-as-Gaussians scorer gives (user units, 1e-5 relative)", () => {
    const test = loaded.test!;
    const B = test.rows;
    const V = columns.length;
    const values = new Float64Array(V * B).fill(NaN);
    const miss = missingCode(columns);
    for (let n = 0; n < B; n++) {
      columns.forEach((c, d) => {
        if (test.x[n * test.cols + d] === miss) return;
        values[d * B + n] =
          c.kind === "continuous" ? c.shift + c.scale * test.values![n * test.cols + d]! : test.x[n * test.cols + d]!;
      });
    }
    const offset = logScaleOffset(test);
    result.members.forEach((m, s) => {
      const expected = servedLogLikelihoods(result.graph, result.state.tab!.mvn, m, test);
      const served = logProbBatch(model.spn, s, { rowCount: B, values });
      // No test cell is missing, so every row's units offset is the mean one.
      for (let n = 0; n < B; n++)
        expect(Math.abs(expected[n]! - offset - served[n]!)).toBeLessThan(1e-5 * (1 + Math.abs(served[n]!)));
    });
  });

  it("the default grid adds mvn twins only when two or more continuous columns are complete", () => {
    expect(searchGrid(300, 0).every((c) => c.structure.leaf === undefined)).toBe(true);
    expect(searchGrid(300, 1).every((c) => c.structure.leaf === undefined)).toBe(true);
    const grid = searchGrid(300, 2);
    expect(grid.filter((c) => c.structure.leaf === "mvn").map((c) => c.label)).toEqual(
      searchGrid(300).map((c) => `${c.label} mvn`),
    );
  });
});
