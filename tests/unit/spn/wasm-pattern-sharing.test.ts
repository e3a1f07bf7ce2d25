import { afterEach, describe, expect, it } from "vitest";
import { generateRegionSpn } from "../../../bench/spn-generate.ts";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import {
  type CompiledSpn,
  type EvidenceBatch,
  loadSpn,
  marginalSlotsBatch,
  setSpnBackend,
  wasmSpn,
} from "../../../shared/spn/index.ts";
import {
  MODE_GATHER,
  MODE_SKIP,
  MODE_VIRTUAL,
  PATTERN_MIN_ROWS_PER_SYNTHETIC,
} from "../../../shared/spn/wasm/pattern-plan.ts";
import { patternTables, setPatternSharing } from "../../../shared/spn/wasm/pattern-tables.ts";
import { randomSpn } from "./random-spn.ts";

/**
 * Batched marginals that compute small-scope nodes once per evidence pattern (wasm/pattern-plan.ts)
 * must give exactly the bits of the pass that computes every node on every row: the tables are
 * filled by the same kernel on rows with the same evidence in the node's scope.
 */
afterEach(() => {
  setSpnBackend("auto");
  setPatternSharing(true);
});

function randomBatch(seed: number, spn: CompiledSpn, rows: number): EvidenceBatch {
  const rng = createRng(seed);
  const V = spn.variables.length;
  const values = new Float64Array(V * rows);
  for (let v = 0; v < V; v++) {
    const k = spn.stateCount[v]!;
    for (let r = 0; r < rows; r++)
      values[v * rows + r] = rng.nextFloat() < 0.3 ? NaN : k === 0 ? 6 * rng.nextFloat() - 3 : uniformInt(rng, k);
  }
  return { rowCount: rows, values };
}

/** Slots and log p of every member with sharing on and off; returns how many members shared. */
function expectSameBits(spn: CompiledSpn, batch: EvidenceBatch): number {
  setSpnBackend("wasm");
  let shared = 0;
  for (let s = 0; s < spn.members.length; s++) {
    setPatternSharing(false);
    const plain = marginalSlotsBatch(spn, s, batch);
    setPatternSharing(true);
    if (patternTables(wasmSpn(spn)!, s, batch.rowCount) !== null) shared++;
    const got = marginalSlotsBatch(spn, s, batch);
    for (let i = 0; i < plain.slots.length; i++)
      if (!Object.is(got.slots[i], plain.slots[i]))
        expect.fail(`member ${s} slot ${i}: ${got.slots[i]} vs ${plain.slots[i]}`);
    for (let r = 0; r < plain.logP.length; r++)
      if (!Object.is(got.logP[r], plain.logP[r]))
        expect.fail(`member ${s} row ${r}: ${got.logP[r]} vs ${plain.logP[r]}`);
  }
  return shared;
}

describe("sharing upward values across a batch's rows (wasm)", () => {
  it("computes a region-graph SPN's small-scope regions once per pattern and keeps every bit", () => {
    const { spn } = loadSpn(
      generateRegionSpn({ variables: 8, sums: 3, leaves: 3, partitions: 2, depth: 2, seed: 3 }),
      "regions",
    );
    setSpnBackend("wasm");
    const plan = wasmSpn(spn)!.patternBuffers()!.plan;
    expect(plan.gathered.length).toBeGreaterThan(0);
    expect(plan.mode.filter((m) => m === MODE_SKIP).length).toBeGreaterThan(0);
    expect(plan.mode[spn.root]).not.toBe(MODE_GATHER); // 8 binary variables: 6,561 patterns
    expect(plan.mode.filter((m) => m === MODE_VIRTUAL).length).toBeGreaterThan(0); // products formed downward
    const rows = PATTERN_MIN_ROWS_PER_SYNTHETIC * plan.syntheticRows + 1; // odd: a padded chunk
    expect(expectSameBits(spn, randomBatch(1, spn, rows))).toBe(1);
  });

  it("keeps every bit when the last chunk is shorter than a block (virtual products on 2-4 rows)", () => {
    const { spn } = loadSpn(
      generateRegionSpn({ variables: 16, sums: 6, leaves: 5, partitions: 2, depth: 3, seed: 1 }),
      "10k",
    );
    setSpnBackend("wasm");
    const wasm = wasmSpn(spn)!;
    const plan = wasm.patternBuffers()!.plan;
    expect(plan.mode.filter((m) => m === MODE_VIRTUAL).length).toBe(800); // the 4-variable regions' products
    const chunks = Math.ceil((PATTERN_MIN_ROWS_PER_SYNTHETIC * plan.syntheticRows) / wasm.chunkRows);
    for (const tail of [2, 3])
      expect(expectSameBits(spn, randomBatch(tail, spn, chunks * wasm.chunkRows + tail))).toBe(1);
  });

  it("keeps every bit on random SPNs (categorical, gaussian, ensembles, DAGs)", () => {
    let shared = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const { spn } = loadSpn(randomSpn(seed, { discrete: 5, gaussians: seed % 3, members: 2 }), `random ${seed}`);
      setSpnBackend("wasm");
      const plan = wasmSpn(spn)!.patternBuffers();
      const rows = plan === null ? 64 : PATTERN_MIN_ROWS_PER_SYNTHETIC * plan.plan.syntheticRows + (seed % 2);
      shared += expectSameBits(spn, randomBatch(seed, spn, rows));
    }
    expect(shared).toBeGreaterThan(8); // most of them did share
  });

  it("does not share in a batch too small to pay for its tables", () => {
    const { spn } = loadSpn(
      generateRegionSpn({ variables: 8, sums: 3, leaves: 3, partitions: 2, depth: 2, seed: 3 }),
      "regions",
    );
    setSpnBackend("wasm");
    const wasm = wasmSpn(spn)!;
    const rows = PATTERN_MIN_ROWS_PER_SYNTHETIC * wasm.patternBuffers()!.plan.syntheticRows - 1;
    expect(patternTables(wasm, 0, rows)).toBeNull();
    expect(patternTables(wasm, 0, rows + 1)).not.toBeNull();
  });
});
