import { type CompiledSpn, KIND_SUM } from "../compiled-spn.ts";
import type { ParentLists } from "./parents.ts";
import { MODE_VIRTUAL } from "./pattern-plan.ts";

/** Set in a node's code when it is a sum: the downward pass then writes its g = flow / S. */
export const CODE_SUM = 32;

/**
 * The downward kernel's per-node dispatch (evaluator.wat `downward`), decided once per model
 * instead of per node and chunk from the parent lists, the flow owner and the kind: code & 31 is
 * 0 for a node not gathered (the root; a leaf that reads its product parent's flow), 1-6 for
 * pullSums k, 7-12 for pullSumsV k (a virtual product of a shared pass: `mode`), 13-18 for
 * pullProducts k, 19 for any other node (pullRows8 and 2-row blocks); CODE_SUM marks sums.
 */
export function downwardCodes(spn: CompiledSpn, parents: ParentLists, mode: Int32Array | null): Int32Array {
  const { nodeCount: N, kind, root } = spn;
  const { start, mid, flowOf } = parents;
  const codes = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    const k = mid[n]! - start[n]!;
    const j = start[n + 1]! - mid[n]!;
    let code = 19;
    if (n === root || flowOf[n] !== n) code = 0;
    else if (mode !== null && mode[n] === MODE_VIRTUAL)
      code = 6 + k; // 1 <= k <= 6 (pattern-virtual.ts)
    else if (j === 0 && k >= 1 && k <= 6) code = k;
    else if (k === 0 && j >= 1 && j <= 6) code = 12 + j;
    codes[n] = code | (kind[n] === KIND_SUM ? CODE_SUM : 0);
  }
  return codes;
}
