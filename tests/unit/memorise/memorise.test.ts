import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { capacityForWidth, probe } from "../../../trainers/memorise/capacity.ts";
import { randomTask } from "../../../trainers/memorise/task.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";

const settings = { seqLength: 4, vocab: 6, classes: 2, steps: 120, rate: 0.02, seed: 3, maxN: 32 };

describe("memorisation capacity of a one-layer single-head transformer", () => {
  it("draws distinct sequences with labels, reproducibly, and refuses an impossible N", () => {
    const a = randomTask(createRng(5), 30, 2, 6, 3);
    const b = randomTask(createRng(5), 30, 2, 6, 3);
    expect(a.ids).toEqual(b.ids);
    const rows = new Set(Array.from({ length: 30 }, (_, i) => a.ids.slice(2 * i, 2 * i + 2).join(",")));
    expect(rows.size).toBe(30);
    expect(Math.max(...a.labels)).toBeLessThan(3);
    expect(() => randomTask(createRng(5), 40, 2, 6, 2)).toThrow(/distinct/);
  });

  it("memorises a few pairs, fails on many with a tiny width, and brackets the capacity", async () => {
    await useWasmBackend();
    expect(probe(8, 8, settings).memorised).toBe(true);
    expect(probe(2, 512, { ...settings, vocab: 8, maxN: 512 }).memorised).toBe(false);
    const row = capacityForWidth(2, settings);
    expect(row.largestMemorised).toBeGreaterThanOrEqual(1);
    expect(row.smallestFailed).not.toBeNull();
    expect(row.smallestFailed!).toBeGreaterThan(row.largestMemorised);
    // Probes are seeded: the same N and width give the same outcome again.
    expect(probe(2, row.smallestFailed!, settings).memorised).toBe(false);
    expect(probe(2, row.largestMemorised, settings).memorised).toBe(true);
  }, 180_000);
});
