/**
 * Interned variable scopes as fixed-width bitsets (32 variables per word). Nodes with equal scopes
 * share one id, so completeness of a sum is an id comparison and memory grows with the number of
 * distinct scopes (regions in a region graph), not with the number of nodes.
 */
export class ScopeTable {
  readonly words: number;
  private bits: Int32Array;
  private count = 0;
  private readonly buckets = new Map<number, number[]>();

  constructor(variableCount: number) {
    this.words = Math.max(1, Math.ceil(variableCount / 32));
    this.bits = new Int32Array(this.words * 64);
  }

  /** Id of the scope whose bitset equals `set` (length `words`), adding it if new. */
  intern(set: Int32Array): number {
    const w = this.words;
    let hash = 0x811c9dc5;
    for (let i = 0; i < w; i++) hash = Math.imul(hash ^ set[i]!, 0x01000193);
    const bucket = this.buckets.get(hash);
    if (bucket !== undefined) {
      for (const id of bucket) if (this.equals(id, set)) return id;
    }
    if ((this.count + 1) * w > this.bits.length) {
      const grown = new Int32Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    const id = this.count++;
    this.bits.set(set.subarray(0, w), id * w);
    if (bucket === undefined) this.buckets.set(hash, [id]);
    else bucket.push(id);
    return id;
  }

  /** Bitset of scope `id` as a view (valid until the next intern). */
  view(id: number): Int32Array {
    return this.bits.subarray(id * this.words, (id + 1) * this.words);
  }

  has(id: number, variable: number): boolean {
    return (this.bits[id * this.words + (variable >>> 5)]! & (1 << (variable & 31))) !== 0;
  }

  /** A variable in scope `a` but not in scope `b`, or -1. */
  firstOnlyIn(a: number, b: number): number {
    const w = this.words;
    for (let i = 0; i < w; i++) {
      const diff = this.bits[a * w + i]! & ~this.bits[b * w + i]!;
      if (diff !== 0) return i * 32 + (31 - Math.clz32(diff & -diff));
    }
    return -1;
  }

  private equals(id: number, set: Int32Array): boolean {
    const w = this.words;
    for (let i = 0; i < w; i++) if (this.bits[id * w + i] !== set[i]) return false;
    return true;
  }
}

/** Lowest set bit of `word` at word index `wordIndex`, as a variable index. */
export function lowestVariable(word: number, wordIndex: number): number {
  return wordIndex * 32 + (31 - Math.clz32(word & -word));
}
