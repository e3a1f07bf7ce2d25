import { createRng } from "../../shared/numeric/rng.ts";
import type { BinaryData } from "./dataset.ts";
import { blockableColumns, MAX_BLOCK_VARIABLES } from "./leaf-mvn.ts";
import { buildRegionGraph, type StructureOptions } from "./region-graph.ts";

/** Fewest bytes a number takes in spn.json, with its separator ("0,"). */
const MIN_BYTES_PER_NUMBER = 2;

/**
 * A lower bound on the spn.json bytes of `members` members of `structure` trained on `data`,
 * from its region graph alone, before any training. Per member the artifact holds, for a mixed
 * table, each sum edge's weight and count, each leaf's parameters and statistics (gaussian 2 + 3
 * numbers, bernoulli 1 + 2, categorical K + K) and an mvn block's 1 + p + p(p + 1) / 2 statistics
 * per component; a binary DEBD table's counts-only members hold one count per edge and two per
 * leaf (docs/spn-artifact.md). Each number takes at least two bytes. The graph is built with the
 * random split: edges and leaves do not depend on the split, and balanced halves give the
 * smallest blocks, so the bound holds for the "mi" graph too. The search (cli-search.ts) leaves
 * out a candidate whose bound is over the artifact cap instead of training it first: on a
 * 300-column table each mvn candidate wrote 145–263 MB and took 6–34 s of a 5 s budget.
 */
export function artifactBytesLowerBound(data: BinaryData, structure: StructureOptions, members: number): number {
  const g = buildRegionGraph(createRng(1), data.cols, { ...structure, split: "random" });
  const blockable = structure.leaf === "mvn" ? blockableColumns(data) : [];
  const mixed = data.columns !== undefined;
  const leafNumbers = (d: number): number => {
    const c = data.columns?.[d];
    return !c ? 2 : c.kind === "categorical" ? 2 * c.states.length : c.kind === "continuous" ? 5 : 3;
  };
  let numbers = g.edges * (mixed ? 2 : 1);
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 0) continue;
    let perComponent = 0;
    let p = 0;
    for (let i = 0; i < g.scopeLength[r]!; i++) {
      const d = g.scopeVars[g.scopeStart[r]! + i]!;
      if (blockable[d] && p < MAX_BLOCK_VARIABLES) p++;
      else perComponent += leafNumbers(d);
    }
    perComponent += p >= 2 ? 1 + p + (p * (p + 1)) / 2 : 5 * p;
    numbers += perComponent * g.size[r]!;
  }
  return numbers * members * MIN_BYTES_PER_NUMBER;
}
