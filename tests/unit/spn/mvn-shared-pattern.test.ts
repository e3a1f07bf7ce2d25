import { describe, expect, it } from "vitest";
import { KIND_MVN_LEAF } from "../../../shared/spn/compiled-spn.ts";
import { logProbBatchJs } from "../../../shared/spn/log-prob.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { mvnLeafChunk, sharedMissingPattern } from "../../../shared/spn/mvn-passes.ts";
import { mvnMixtureArtifact } from "./mvn-model.ts";

const { spn } = loadSpn(mvnMixtureArtifact(), "mvn-mixture");
const NAMES = ["c", "g0", "g1", "g2", "u"] as const; // c, u discrete; g0..g2 in mvn leaves
type Row = Partial<Record<(typeof NAMES)[number], number>>;

/** Variable-major evidence of the rows (NaN = absent), as the batched passes read it. */
function evidence(rows: readonly Row[]): Float64Array {
  const values = new Float64Array(NAMES.length * rows.length);
  rows.forEach((r, i) => NAMES.forEach((k, v) => (values[v * rows.length + i] = r[k] ?? NaN)));
  return values;
}

describe("a chunk's shared mvn missing pattern (mvn-passes.ts)", () => {
  // The same continuous cells in every row, discrete cells given in some rows only: a batch of a
  // user's rows, or a conditional's evidence rows next to its joint rows.
  const rows: Row[] = [
    { g0: 1, g2: -1 },
    { c: 1, g0: -0.5, g2: 2 },
    { u: 0, g0: 3, g2: 0.25 },
    { c: 0, u: 1, g0: 0, g2: 0 },
  ];

  it("is decided on the mvn leaves' variables only, so discrete cells that come and go keep it", () => {
    const ev = evidence(rows);
    expect(Array.from(spn.mvn!.variables)).toEqual([1, 2, 3]);
    expect(sharedMissingPattern(spn, ev, rows.length, 0, rows.length)).toBe(true);
    const gappy = evidence([...rows, { c: 1, g0: 2 }]); // g2 absent in the last row
    expect(sharedMissingPattern(spn, gappy, rows.length + 1, 0, rows.length + 1)).toBe(false);
  });

  it("gives each mvn leaf the per-row path's bits, and log p the bits of rows taken one at a time", () => {
    const ev = evidence(rows);
    const R = rows.length;
    for (let n = 0; n < spn.nodeCount; n++) {
      if (spn.kind[n] !== KIND_MVN_LEAF) continue;
      const shared = new Float64Array(R);
      const perRow = new Float64Array(R);
      mvnLeafChunk(spn, spn.members[0]!, n, ev, R, 0, R, shared, 0, true);
      mvnLeafChunk(spn, spn.members[0]!, n, ev, R, 0, R, perRow, 0, false);
      shared.forEach((v, r) => expect(Object.is(v, perRow[r])).toBe(true));
    }
    const together = logProbBatchJs(spn, 1, { rowCount: R, values: ev }, R);
    const alone = logProbBatchJs(spn, 1, { rowCount: R, values: ev }, 1);
    together.forEach((v, r) => expect(Object.is(v, alone[r])).toBe(true));
  });
});
