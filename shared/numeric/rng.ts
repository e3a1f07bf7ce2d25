/**
 * Seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator),
 * 32-bit state words, period >= 2^32, passes PractRand to 2^40 bytes. The core never calls
 * Math.random; callers pass an Rng, and handlers echo the seed they used.
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
}

const TWO_POW_32 = 4294967296; // = 2 ** 32
const TWO_POW_NEG_53 = 1.1102230246251565e-16; // = 2 ** -53

/** Largest seed accepted by the API (seeds are non-negative integers below 2^32). */
export const MAX_SEED = TWO_POW_32 - 1;

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs so that nearby seeds decorrelate.
  for (let i = 0; i < 15; i++) nextUint32();
  return {
    nextUint32,
    nextFloat: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) * TWO_POW_NEG_53,
  };
}

/** A fresh seed from platform entropy, for requests that did not name one. */
export function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/** Uniform integer in [0, n), unbiased (rejection on the top partial range). */
export function uniformInt(rng: Rng, n: number): number {
  const limit = TWO_POW_32 - (TWO_POW_32 % n);
  let x = rng.nextUint32();
  while (x >= limit) x = rng.nextUint32();
  return x % n;
}

/** Standard normal draw by the Box–Muller transform. */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng.nextFloat(); // (0, 1]: log(u) is finite
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A uniformly random permutation of 0 … n − 1 (Fisher–Yates, from the end). */
export function randomPermutation(rng: Rng, n: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
