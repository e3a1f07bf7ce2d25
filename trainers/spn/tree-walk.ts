import type { RegionGraph } from "./region-graph.ts";

/**
 * The induced-tree walk every sampler shares. A datum's tree is a choice row (child c at each sum
 * region it visits); the walk keeps an explicit stack, of (region, component) pairs when the
 * component matters and of regions alone when it does not, starting at the root's single sum.
 * At a sum region with chosen child c both factors of product c are pushed, left first, so the
 * right factor is visited first: every sampler consumes random numbers in this one order, which
 * the byte-identical artifacts depend on. Push helpers rather than a visitor callback keep the hot
 * loops monomorphic; V8 inlines these small functions.
 */

/** Starts a (region, component) walk at the root; returns the stack top. */
export function startWalk(g: RegionGraph, stack: Int32Array): number {
  stack[0] = g.root;
  stack[1] = 0;
  return 2;
}

/** Starts a region-only walk at the root; returns the stack top. */
export function startRegionWalk(g: RegionGraph, stack: Int32Array): number {
  stack[0] = g.root;
  return 1;
}

/** Pushes the (region, component) pairs of both factors of child c of sum region r; returns the new top. */
export function pushFactors(g: RegionGraph, stack: Int32Array, top: number, r: number, c: number): number {
  const j = g.prodStart[r]! + c;
  const left = g.partLeft[g.prodPart[j]!]!;
  const right = g.partRight[g.prodPart[j]!]!;
  stack[top] = left;
  stack[top + 1] = g.prodLeft[j]! - g.nodeStart[left]!;
  stack[top + 2] = right;
  stack[top + 3] = g.prodRight[j]! - g.nodeStart[right]!;
  return top + 4;
}

/** Pushes the regions of both factors of child c of sum region r; returns the new top. */
export function pushFactorRegions(g: RegionGraph, stack: Int32Array, top: number, r: number, c: number): number {
  const p = g.prodPart[g.prodStart[r]! + c]!;
  stack[top] = g.partLeft[p]!;
  stack[top + 1] = g.partRight[p]!;
  return top + 2;
}
