import { type CompiledSpn, KIND_PRODUCT, KIND_SUM } from "../compiled-spn.ts";

/**
 * The reverse of the CSR child arrays, for the pulled downward pass (evaluator.wat `downward`):
 * node c's parents are node[start[c] .. start[c + 1]), its sum parents before mid[c] and its
 * product parents after, each group by decreasing parent index (the order in which the pushed
 * pass of downward.ts adds them); edge[i] is the CSR edge (weight) index of that parent-child link.
 * A sum parent is named by its sum slot (sumSlot[p], 0 .. sums - 1), where the pass keeps its
 * g = flow / S: a buffer over the few sum nodes stays in cache, one over every node did not.
 */
export interface ParentLists {
  readonly start: Int32Array;
  readonly mid: Int32Array;
  readonly node: Int32Array;
  readonly edge: Int32Array;
  /** Per node: its sum slot, or -1. */
  readonly sumSlot: Int32Array;
  readonly sums: number;
  /**
   * Per node: the node whose flow it has. A leaf whose only parent is a product has exactly that
   * product's flow (the pulled pass would compute 0 * S + flow_p), so it is not gathered and
   * readers take the product's flow row; every other node is its own (evaluator.wat configureParents).
   */
  readonly flowOf: Int32Array;
}

export function parentLists(spn: CompiledSpn): ParentLists {
  const { nodeCount: N, edgeCount: E, kind, childStart, childIndex } = spn;
  const sums = new Int32Array(N);
  const products = new Int32Array(N);
  const sumSlot = new Int32Array(N).fill(-1);
  let sumCount = 0;
  for (let p = 0; p < N; p++) {
    if (kind[p] === KIND_SUM) sumSlot[p] = sumCount++;
    const counts = kind[p] === KIND_SUM ? sums : kind[p] === KIND_PRODUCT ? products : null;
    if (counts === null) continue;
    for (let e = childStart[p]!; e < childStart[p + 1]!; e++) counts[childIndex[e]!]!++;
  }
  const start = new Int32Array(N + 1);
  const mid = new Int32Array(N);
  for (let c = 0; c < N; c++) {
    mid[c] = start[c]! + sums[c]!;
    start[c + 1] = mid[c]! + products[c]!;
  }
  const sumAt = start.slice(0, N);
  const productAt = mid.slice();
  const node = new Int32Array(E);
  const edge = new Int32Array(E);
  for (let p = N - 1; p >= 0; p--) {
    const cursor = kind[p] === KIND_SUM ? sumAt : kind[p] === KIND_PRODUCT ? productAt : null;
    if (cursor === null) continue;
    for (let e = childStart[p]!; e < childStart[p + 1]!; e++) {
      const at = cursor[childIndex[e]!]!++;
      node[at] = kind[p] === KIND_SUM ? sumSlot[p]! : p;
      edge[at] = e;
    }
  }
  const flowOf = Int32Array.from({ length: N }, (_, c) => {
    const leaf = kind[c] !== KIND_SUM && kind[c] !== KIND_PRODUCT;
    return leaf && sums[c] === 0 && products[c] === 1 ? node[mid[c]!]! : c;
  });
  return { start, mid, node, edge, sumSlot, sums: sumCount, flowOf };
}
