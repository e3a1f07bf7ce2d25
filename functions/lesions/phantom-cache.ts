import { renderPhantom, type Phantom } from "../../shared/lesion/phantom.ts";
import { createRng } from "../../shared/numeric/rng.ts";

/**
 * The cache's budget in bytes (image + lung mask). A 1024 px phantom takes ~120 ms to draw and
 * 2 MiB to keep, so four of them fit (a 1448 px one, the largest, is 4 MiB). Bounded in bytes, not in
 * entries: four 4096 px phantoms were 128 MiB kept between requests, an isolate's whole budget.
 */
export const PHANTOM_CACHE_BYTES = 8 * 1024 * 1024;
const cache = new Map<string, Phantom>();
let cachedBytes = 0;

const bytesOf = (p: Phantom): number => p.image.data.byteLength + p.lungMask.data.byteLength;

/**
 * The phantom for (seed, size), drawn from its own rng so that GET /v1/lesions/phantom?seed=S
 * shows exactly the background that a simulate request with seed S and no image uses.
 * Callers must not mutate it (simulateLesions copies its input). `budget` is for tests.
 */
export function cachedPhantom(seed: number, size: number, budget = PHANTOM_CACHE_BYTES): Phantom {
  const key = `${seed}:${size}`;
  let phantom = cache.get(key);
  if (phantom) {
    cache.delete(key); // re-insert: Map order is the recency order
  } else {
    phantom = renderPhantom(createRng(seed), size);
    if (bytesOf(phantom) > budget) return phantom;
    cachedBytes += bytesOf(phantom);
    while (cachedBytes > budget) {
      const [oldest, evicted] = cache.entries().next().value!;
      cache.delete(oldest);
      cachedBytes -= bytesOf(evicted);
    }
  }
  cache.set(key, phantom);
  return phantom;
}

/** Bytes the cache holds now (for tests). */
export function phantomCacheBytes(): number {
  return cachedBytes;
}
