import type { RegionGraph } from "./region-graph.ts";

/** One region before compilation: its scope, its partitions (child region ids) and its node count. */
export interface RegionSpec {
  scope: number[];
  children: [number, number][];
  size: number;
}

/** Lays the region specs (children before parents) out as the flat typed arrays of RegionGraph. */
export function compileRegionGraph(specs: RegionSpec[], vars: number, root: number): RegionGraph {
  const R = specs.length;
  const i32 = (): Int32Array => new Int32Array(R);
  const g = {
    vars,
    regions: R,
    isLeaf: new Uint8Array(R),
    size: i32(),
    childCount: i32(),
    sumStart: i32(),
    edgeStart: i32(),
    partStart: i32(),
    partCount: i32(),
    fenwickMask: i32(),
    scopeStart: i32(),
    scopeLength: i32(),
    compStart: i32(),
    leafStart: i32(),
    nodeStart: i32(),
    prodStart: i32(),
    sums: 0,
    edges: 0,
    components: 0,
    leaves: 0,
    nodes: 0,
    products: 0,
    root,
  };
  const partLeft: number[] = [];
  const partRight: number[] = [];
  const partChildStart: number[] = [];
  const scopeVars: number[] = [];
  const prodPart: number[] = [];
  const prodLeft: number[] = [];
  const prodRight: number[] = [];
  specs.forEach((spec, r) => {
    g.size[r] = spec.size;
    g.nodeStart[r] = g.nodes;
    g.nodes += spec.size;
    if (spec.children.length === 0) {
      g.isLeaf[r] = 1;
      g.scopeStart[r] = scopeVars.length;
      g.scopeLength[r] = spec.scope.length;
      scopeVars.push(...spec.scope);
      g.compStart[r] = g.components;
      g.leafStart[r] = g.leaves;
      g.components += spec.size;
      g.leaves += spec.size * spec.scope.length;
      return;
    }
    g.partStart[r] = partLeft.length;
    g.partCount[r] = spec.children.length;
    let c = 0;
    for (const [left, right] of spec.children) {
      for (let k1 = 0; k1 < specs[left]!.size; k1++) {
        for (let k2 = 0; k2 < specs[right]!.size; k2++) {
          prodPart.push(partLeft.length);
          prodLeft.push(g.nodeStart[left]! + k1);
          prodRight.push(g.nodeStart[right]! + k2);
        }
      }
      partLeft.push(left);
      partRight.push(right);
      partChildStart.push(c);
      c += specs[left]!.size * specs[right]!.size;
    }
    g.childCount[r] = c;
    let mask = 1;
    while (mask * 2 <= c) mask *= 2;
    g.fenwickMask[r] = mask;
    g.sumStart[r] = g.sums;
    g.edgeStart[r] = g.edges;
    g.prodStart[r] = g.products;
    g.sums += spec.size;
    g.edges += spec.size * c;
    g.products += c;
  });
  return {
    ...g,
    partLeft: Int32Array.from(partLeft),
    partRight: Int32Array.from(partRight),
    partChildStart: Int32Array.from(partChildStart),
    scopeVars: Int32Array.from(scopeVars),
    prodPart: Int32Array.from(prodPart),
    prodLeft: Int32Array.from(prodLeft),
    prodRight: Int32Array.from(prodRight),
  };
}
