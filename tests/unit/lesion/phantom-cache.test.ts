import { expect, it } from "vitest";
import { cachedPhantom, phantomCacheBytes } from "../../../functions/lesions/phantom-cache.ts";

it("keeps the phantom cache within its byte budget, evicts the oldest, and keeps nothing larger than it", () => {
  const each = 2 * 128 * 128; // 8-bit image + lung mask
  const budget = 3 * each;
  const first = cachedPhantom(1, 128, budget);
  expect(cachedPhantom(1, 128, budget)).toBe(first); // a hit returns the kept phantom
  for (let seed = 2; seed <= 4; seed++) cachedPhantom(seed, 128, budget); // a fourth: the first goes
  expect(phantomCacheBytes()).toBe(budget);
  expect(cachedPhantom(4, 128, budget)).toBe(cachedPhantom(4, 128, budget));
  const big = cachedPhantom(5, 256, budget); // 4 × each: drawn, not kept
  expect(cachedPhantom(5, 256, budget)).not.toBe(big);
  expect(phantomCacheBytes()).toBe(budget);
  expect(cachedPhantom(1, 128, budget)).not.toBe(first); // evicted earlier, drawn again
});
