import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng, standardNormal, uniformInt } from "../../../shared/numeric/rng.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { serializeTrained } from "../../../trainers/spn/artifact.ts";
import { artifactBytesLowerBound } from "../../../trainers/spn/artifact-size.ts";
import { loadData } from "../../../trainers/spn/load-data.ts";
import { MAX_BLOCK_VARIABLES } from "../../../trainers/spn/leaf-mvn.ts";
import type { StructureOptions } from "../../../trainers/spn/region-graph.ts";
import { train } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";

/** A wide mixed table: 62 continuous columns, a 3-state category, a binary column; 24 rows. */
function wideTable(): string {
  const rng = createRng(5);
  const header = [...Array.from({ length: 62 }, (_, i) => `m${i}`), "stage", "flag"];
  const rows = Array.from({ length: 24 }, () => {
    const z = standardNormal(rng);
    const cells = Array.from({ length: 62 }, () => (z + 0.5 * standardNormal(rng)).toFixed(3));
    return [...cells, ["I", "II", "III"][uniformInt(rng, 3)], uniformInt(rng, 2) ? "y" : "n"].join(",");
  });
  const path = join(mkdtempSync(join(tmpdir(), "spn-size-")), "wide.csv");
  writeFileSync(path, `${[header.join(","), ...rows].join("\n")}\n`);
  return path;
}

describe("artifact size known before training (the search's cap check)", () => {
  const data = loadData([wideTable()], null, null, { types: new Map(), ignore: [], split: null });
  const columns = data.columns!;
  const written = (structure: StructureOptions): { bytes: number; text: string } => {
    const o = { ...DEFAULT_TRAIN_OPTIONS, burnIn: 2, iterations: 2, thin: 1, members: 2, structure };
    const r = train(data.train, null, o);
    const text = serializeTrained(
      r,
      columns.map((c) => c.name),
      columns,
    );
    return { bytes: text.length, text };
  };

  it.each([
    ["product leaves, random split", { partitions: 2, sumComponents: 2, leafComponents: 2, depth: 1 }],
    [
      "mvn leaves, mi split",
      { partitions: 2, sumComponents: 2, leafComponents: 2, depth: 1, split: "mi", leaf: "mvn" },
    ],
    ["mvn leaves, depth 2", { partitions: 2, sumComponents: 2, leafComponents: 2, depth: 2, leaf: "mvn" }],
  ] as [string, StructureOptions][])("is a lower bound on the written spn.json: %s", (_, structure) => {
    const { bytes } = written(structure);
    const bound = artifactBytesLowerBound(data.train, structure, 2);
    expect(bound).toBeLessThanOrEqual(bytes);
    expect(bound).toBeGreaterThan(bytes / 20); // and not vacuous
  });

  it("keeps every mvn block within the 30 variables the server loads", () => {
    // Depth 1 halves 62 continuous columns into two regions of 31: blocks capped, the rest univariate.
    const { text } = written({ partitions: 1, sumComponents: 2, leafComponents: 2, depth: 1, leaf: "mvn" });
    const artifact = JSON.parse(text) as { nodes: { kind: string; variables?: number[] }[] };
    const blocks = artifact.nodes.filter((n) => n.kind === "mvn").map((n) => n.variables!.length);
    expect(Math.max(...blocks)).toBe(MAX_BLOCK_VARIABLES);
    expect(() => loadSpn(artifact)).not.toThrow();
  });
});
