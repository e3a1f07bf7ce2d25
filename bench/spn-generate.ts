import type { SpnArtifact, SpnNode } from "../shared/spn/artifact-schema.ts";
import { createRng, type Rng, uniformInt } from "../shared/numeric/rng.ts";

export interface RegionSpnOptions {
  variables: number;
  /** Sum nodes per internal region (K_s); the root region has one. */
  sums: number;
  /** Leaf components per leaf region (K_l). */
  leaves: number;
  /** Partitions per region (J). */
  partitions: number;
  depth: number;
  seed: number;
}

/**
 * A random region-graph SPN over binary variables, shaped like RAT-SPN / Trapp et al. 2019: each
 * region is split J times into two random halves; a partition holds one product per pair of child
 * components; a region's sums mix every product of every partition; leaf regions hold K_l
 * factorised Bernoulli components. Random Dirichlet-ish weights and Bernoulli parameters.
 */
export function generateRegionSpn(o: RegionSpnOptions): SpnArtifact {
  const rng = createRng(o.seed);
  const nodes: SpnNode[] = [];
  const weights: number[] = [];
  const leafParams: number[] = [];
  const push = (node: SpnNode): number => nodes.push(node) - 1;

  const leafRegion = (scope: number[]): number[] =>
    Array.from({ length: o.leaves }, () => {
      const leaves = scope.map((v) => {
        leafParams.push(0.05 + 0.9 * rng.nextFloat());
        return push({ kind: "leaf", variable: v });
      });
      return leaves.length === 1 ? leaves[0]! : push({ kind: "product", children: leaves });
    });

  const region = (scope: number[], depth: number, sumCount: number): number[] => {
    if (scope.length === 1 || depth === o.depth) return leafRegion(scope);
    const products: number[] = [];
    for (let j = 0; j < o.partitions; j++) {
      const shuffled = shuffle(rng, scope);
      const half = scope.length >> 1;
      const left = region(shuffled.slice(0, half), depth + 1, o.sums);
      const right = region(shuffled.slice(half), depth + 1, o.sums);
      for (const a of left) for (const b of right) products.push(push({ kind: "product", children: [a, b] }));
    }
    return Array.from({ length: sumCount }, () => {
      const w = products.map(() => 0.01 + rng.nextFloat());
      const total = w.reduce((s, x) => s + x, 0);
      weights.push(...w.map((x) => x / total));
      return push({ kind: "sum", children: products });
    });
  };

  region(
    Array.from({ length: o.variables }, (_, v) => v),
    0,
    1,
  );
  return {
    format: "spn",
    formatVersion: 1,
    variables: Array.from({ length: o.variables }, (_, v) => ({ name: `x${v}`, type: "bernoulli" as const })),
    nodes,
    members: [{ weights, leafParams }],
  };
}

/** Random binary rows, each variable absent with probability `missing`. */
export function randomRows(seed: number, variables: number, count: number, missing: number): Record<string, number>[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const row: Record<string, number> = {};
    for (let v = 0; v < variables; v++) if (rng.nextFloat() >= missing) row[`x${v}`] = uniformInt(rng, 2);
    return row;
  });
}

function shuffle(rng: Rng, xs: readonly number[]): number[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
