/**
 * Fenwick (binary indexed) trees over blocks of an Int32Array, one block per sum node, so the
 * top-down network proposal can draw a child with probability n_{s,c} / n_s in O(log C_s)
 * (Yokoi & Sato, KDD 2024, arXiv 2406.12353: the proposal must cost O(tree), not O(graph)).
 */

/** Adds delta to entry i (0-based) of the block [start, start + size). */
export function fenwickAdd(tree: Int32Array, start: number, size: number, i: number, delta: number): void {
  for (let j = i + 1; j <= size; j += j & -j) tree[start + j - 1]! += delta;
}

/**
 * Smallest 0-based index whose prefix sum exceeds target (0 <= target < block total).
 * mask is the largest power of two <= size.
 */
export function fenwickFind(tree: Int32Array, start: number, size: number, mask: number, target: number): number {
  let pos = 0;
  for (let step = mask; step > 0; step >>= 1) {
    const next = pos + step;
    if (next <= size && tree[start + next - 1]! <= target) {
      pos = next;
      target -= tree[start + next - 1]!;
    }
  }
  return pos;
}
