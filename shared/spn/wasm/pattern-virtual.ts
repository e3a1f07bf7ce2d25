import { type CompiledSpn, KIND_PRODUCT, KIND_SUM } from "../compiled-spn.ts";
import { MODE_VIRTUAL } from "./pattern-plan.ts";

/** The downward kernel has pullSumsV1 .. pullSumsV6 (evaluator.wat): at most this many sum parents. */
export const VIRTUAL_MAX_SUM_PARENTS = 6;

/**
 * Products that the shared upward pass need not hold (wasm/pattern-plan.ts): a shareable product
 * with two children and 1-6 sum parents, no product parent and no computed parent reads S_n only
 * in the downward pass (flow = S_n * sum of w g). Marked MODE_VIRTUAL, it is neither gathered nor
 * computed upward; the downward kernel forms S_n = S_c1 * S_c2 itself, the multiplication
 * productNode would do (1 * S_c1 is S_c1 exactly), and its children are gathered instead. In RAT-SPN
 * shaped graphs that trades each region's K x K products for its 2K child components (10k SPN:
 * 800 products for 320 leaf products), fewer rows copied and a table a fifth the size.
 * Applied only when it gathers fewer nodes than it spares. Updates `mode` and `needed` in place.
 */
export function markVirtualProducts(
  spn: CompiledSpn,
  scope: readonly (readonly number[] | null)[],
  needed: Uint8Array,
  flowOf: Int32Array,
  mode: Int32Array,
): void {
  const { nodeCount: N, kind, childStart, childIndex, root } = spn;
  const readUpward = new Uint8Array(N); // a parent computed in the upward pass reads it
  const sumParents = new Int32Array(N);
  const productParents = new Int32Array(N);
  for (let p = 0; p < N; p++) {
    if (kind[p] !== KIND_SUM && kind[p] !== KIND_PRODUCT) continue;
    for (let e = childStart[p]!; e < childStart[p + 1]!; e++) {
      const c = childIndex[e]!;
      if (scope[p] === null) readUpward[c] = 1;
      if (kind[p] === KIND_SUM) sumParents[c]!++;
      else productParents[c]!++;
    }
  }
  const virtual: number[] = [];
  for (let n = 0; n < N; n++) {
    if (kind[n] !== KIND_PRODUCT || scope[n] === null || n === root || readUpward[n] || flowOf[n] !== n) continue;
    if (productParents[n] !== 0 || sumParents[n]! < 1 || sumParents[n]! > VIRTUAL_MAX_SUM_PARENTS) continue;
    if (childStart[n + 1]! - childStart[n]! === 2) virtual.push(n);
  }
  // children of a product have a product parent, so none of them is in `virtual`
  const newlyNeeded = new Set<number>();
  for (const n of virtual)
    for (let e = childStart[n]!; e < childStart[n + 1]!; e++)
      if (!needed[childIndex[e]!]) newlyNeeded.add(childIndex[e]!);
  if (newlyNeeded.size >= virtual.length) return;
  for (const n of virtual) {
    mode[n] = MODE_VIRTUAL;
    needed[n] = 0;
  }
  for (const c of newlyNeeded) needed[c] = 1;
}
