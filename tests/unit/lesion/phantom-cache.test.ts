import { expect, it } from "vitest";
import { cachedPhantom, PHANTOM_CACHE_BYTES, phantomCacheBytes } from "../../../functions/lesions/phantom-cache.ts";

it("keeps the phantom cache within its byte budget and evicts the oldest", () => {
  const first = cachedPhantom(1, 1024);
  expect(cachedPhantom(1, 1024)).toBe(first); // a hit returns the kept phantom
  for (let seed = 2; seed <= 6; seed++) cachedPhantom(seed, 1024); // 5 more × 2 MiB > 8 MiB
  expect(phantomCacheBytes()).toBeLessThanOrEqual(PHANTOM_CACHE_BYTES);
  expect(cachedPhantom(1, 1024)).not.toBe(first); // the oldest was evicted
  expect(phantomCacheBytes()).toBe(4 * 2 * 1024 * 1024); // four 1024 px phantoms, image + mask
});
