import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { mutualInformationSplit } from "./mutual-information.ts";
import { compileRegionGraph, type RegionSpec } from "./region-graph-compile.ts";

/** Structure knobs of Trapp et al. (NeurIPS 2019), Sec. 3: K_s, K_l, J, depth L; K_p is fixed to 2. */
export interface StructureOptions {
  sumComponents: number;
  leafComponents: number;
  partitions: number;
  depth: number;
  /**
   * How a region's scope is halved: "random" (Trapp et al. 2019) or "mi" (data-driven: halves with
   * a low mutual-information cut, mutual-information.ts). Absent = random.
   */
  split?: "random" | "mi";
  /**
   * Leaf components over continuous columns: "product" of univariate Normal–Gamma leaves
   * (absent = this), or "mvn": one full-covariance Gaussian (NIW, leaf-mvn.ts) over each leaf
   * region's fully observed continuous columns. Binary tables are unaffected.
   */
  leaf?: "product" | "mvn";
}

/**
 * A random region tree compiled to flat typed arrays (RAT-SPN-like, Peharz et al. 2019; Trapp et
 * al. 2019). Regions are numbered in post-order, so children precede parents and the root
 * (one sum) is last. An internal region r holds K[r] sums, each with C[r] children: the products
 * of every partition p (in order) over (k1, k2) in K[left] x K[right], child c = start + k1*K2 + k2.
 * A leaf region holds K[r] components, each a product of Bernoulli leaves over its scope.
 */
export interface RegionGraph {
  vars: number;
  regions: number;
  isLeaf: Uint8Array;
  /** Nodes per region: sums (internal) or leaf components (leaf). */
  size: Int32Array;
  /** Internal: children per sum, first sum id, first edge id, first partition id, partition count. */
  childCount: Int32Array;
  sumStart: Int32Array;
  edgeStart: Int32Array;
  partStart: Int32Array;
  partCount: Int32Array;
  /** Largest power of two <= childCount, for Fenwick descent. */
  fenwickMask: Int32Array;
  /** Partitions: left and right child regions and the first child index inside the parent sum. */
  partLeft: Int32Array;
  partRight: Int32Array;
  partChildStart: Int32Array;
  /** Leaf regions: scope slice of scopeVars, first component id, first leaf-parameter id. */
  scopeStart: Int32Array;
  scopeLength: Int32Array;
  scopeVars: Int32Array;
  compStart: Int32Array;
  leafStart: Int32Array;
  /** Offset of each region's nodes in per-node scratch arrays, and of its children products. */
  nodeStart: Int32Array;
  prodStart: Int32Array;
  /** Per child product (prodStart[r] + c): its partition and the node slots of its two factors. */
  prodPart: Int32Array;
  prodLeft: Int32Array;
  prodRight: Int32Array;
  sums: number;
  edges: number;
  components: number;
  leaves: number;
  nodes: number;
  products: number;
  root: number;
}

/**
 * Builds the region tree; the rng only shuffles scopes (Fisher–Yates) before halving. With
 * split "mi", `mi` (D x D mutual information of the training columns) drives each halving.
 */
export function buildRegionGraph(rng: Rng, vars: number, options: StructureOptions, mi?: Float64Array): RegionGraph {
  if (options.split === "mi" && mi === undefined)
    throw new Error('buildRegionGraph: split "mi" needs the mutual-information matrix');
  const specs: RegionSpec[] = [];
  const build = (scope: number[], level: number): number => {
    const children: [number, number][] = [];
    if (level < options.depth && scope.length > 1) {
      for (let j = 0; j < options.partitions; j++) {
        if (options.split === "mi") {
          const [l, r] = mutualInformationSplit(rng, scope, mi!, vars);
          children.push([build(l, level + 1), build(r, level + 1)]);
          continue;
        }
        const shuffled = scope.slice();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const k = uniformInt(rng, i + 1);
          [shuffled[i], shuffled[k]] = [shuffled[k]!, shuffled[i]!];
        }
        const half = shuffled.length >> 1;
        const left = build(
          shuffled.slice(0, half).sort((a, b) => a - b),
          level + 1,
        );
        const right = build(
          shuffled.slice(half).sort((a, b) => a - b),
          level + 1,
        );
        children.push([left, right]);
      }
    }
    const size = level === 0 ? 1 : children.length > 0 ? options.sumComponents : options.leafComponents;
    specs.push({ scope, children, size });
    return specs.length - 1;
  };
  const root = build(
    Array.from({ length: vars }, (_, d) => d),
    0,
  );
  return compileRegionGraph(specs, vars, root);
}

/** Partition index of child c of region r (J is small, so a linear scan beats a table). */
export function partitionOf(g: RegionGraph, r: number, c: number): number {
  let p = g.partStart[r]! + g.partCount[r]! - 1;
  while (g.partChildStart[p]! > c) p--;
  return p;
}

/**
 * Calls visit(leaf, variable) for every leaf in node order: per leaf region, its components one
 * after another, each a product of one leaf per variable of the region's scope.
 */
export function forEachLeaf(g: RegionGraph, visit: (leaf: number, variable: number) => void): void {
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 0) continue;
    const len = g.scopeLength[r]!;
    const scope = g.scopeStart[r]!;
    for (let l = g.leafStart[r]!, i = 0; i < len * g.size[r]!; i++, l++) visit(l, g.scopeVars[scope + (i % len)]!);
  }
}
