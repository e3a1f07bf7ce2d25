import { renderPhantom, type Phantom } from "../../shared/lesion/phantom.ts";
import { createRng } from "../../shared/numeric/rng.ts";

/** A few phantoms per isolate: a 1024 px one takes ~120 ms to draw and 2 MB to keep. */
const CAPACITY = 4;
const cache = new Map<string, Phantom>();

/**
 * The phantom for (seed, size), drawn from its own rng so that GET /v1/lesions/phantom?seed=S
 * shows exactly the background that a simulate request with seed S and no image uses.
 * Callers must not mutate it (simulateLesions copies its input).
 */
export function cachedPhantom(seed: number, size: number): Phantom {
  const key = `${seed}:${size}`;
  let phantom = cache.get(key);
  if (phantom) {
    cache.delete(key); // re-insert: Map order is the recency order
  } else {
    phantom = renderPhantom(createRng(seed), size);
    if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, phantom);
  return phantom;
}
