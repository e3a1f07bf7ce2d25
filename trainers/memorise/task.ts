import type { Rng } from "../../shared/numeric/rng.ts";

/** N distinct random token sequences, each with a uniformly random label: nothing to generalise, only to memorise. */
export interface MemoryTask {
  ids: Int32Array; // [n * seqLength], row-major
  labels: Int32Array; // [n]
  n: number;
  seqLength: number;
  vocab: number;
  classes: number;
}

/**
 * Distinct sequences matter: Kajitsuka & Sato's memorisation result (ICLR 2024) assumes the N
 * input sequences are pairwise different, otherwise two equal inputs with different labels could
 * not both be fitted.
 */
export function randomTask(rng: Rng, n: number, seqLength: number, vocab: number, classes: number): MemoryTask {
  if (vocab ** seqLength < n)
    throw new RangeError(`only ${vocab}^${seqLength} distinct sequences exist, fewer than n=${n}`);
  const ids = new Int32Array(n * seqLength);
  const labels = new Int32Array(n);
  const seen = new Set<string>();
  for (let i = 0; i < n; ) {
    const row = Array.from({ length: seqLength }, () => rng.nextUint32() % vocab);
    const key = row.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    ids.set(row, i * seqLength);
    labels[i] = rng.nextUint32() % classes;
    i++;
  }
  return { ids, labels, n, seqLength, vocab, classes };
}
