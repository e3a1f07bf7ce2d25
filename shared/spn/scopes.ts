import type { SpnArtifact } from "./artifact-schema.ts";
import { lowestVariable, ScopeTable } from "./scope-table.ts";

/** What is wrong with a scope, for validate.ts to wrap in an InvalidArtifactError. */
export class ScopeViolation {
  constructor(readonly detail: string) {}
}

/**
 * Scope of every node (Poon & Domingos 2011, Def. 4-5) with the two validity conditions checked on
 * the way up: completeness (children of a sum share one scope) and decomposability (children of a
 * product have pairwise disjoint scopes). Time O(edges * variables / 32), via interned bitsets.
 * Assumes child indices were already checked to be in range and before their parent.
 */
export function computeScopes(artifact: SpnArtifact): { table: ScopeTable; scopeOf: Int32Array } {
  const { nodes, variables } = artifact;
  const table = new ScopeTable(variables.length);
  const scopeOf = new Int32Array(nodes.length);
  const scratch = new Int32Array(table.words);
  const leafScope = new Int32Array(variables.length).fill(-1);
  const name = (v: number): string => `"${variables[v]!.name}"`;

  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]!;
    if (node.kind === "leaf") {
      const v = node.variable;
      if (leafScope[v] === -1) {
        scratch.fill(0);
        scratch[v >>> 5] = 1 << (v & 31);
        leafScope[v] = table.intern(scratch);
      }
      scopeOf[n] = leafScope[v]!;
    } else if (node.kind === "mvn") {
      scratch.fill(0);
      for (const v of node.variables) scratch[v >>> 5]! |= 1 << (v & 31);
      scopeOf[n] = table.intern(scratch);
    } else if (node.kind === "sum") {
      const first = node.children[0]!;
      const s0 = scopeOf[first]!;
      for (const c of node.children) {
        const s = scopeOf[c]!;
        if (s === s0) continue;
        const onlyFirst = table.firstOnlyIn(s0, s);
        const [v, inNode, notIn] = onlyFirst >= 0 ? [onlyFirst, first, c] : [table.firstOnlyIn(s, s0), c, first];
        throw new ScopeViolation(
          `node ${n} (sum): children ${first} and ${c} have different scopes ` +
            `(variable ${name(v)} is in the scope of node ${inNode} but not of node ${notIn}); ` +
            `a sum must be complete`,
        );
      }
      scopeOf[n] = s0;
    } else {
      scratch.fill(0);
      const children = node.children;
      for (let k = 0; k < children.length; k++) {
        const bits = table.view(scopeOf[children[k]!]!);
        for (let w = 0; w < table.words; w++) {
          const common = scratch[w]! & bits[w]!;
          if (common !== 0) {
            const v = lowestVariable(common, w);
            const earlier = children.slice(0, k).find((c) => table.has(scopeOf[c]!, v));
            throw new ScopeViolation(
              `node ${n} (product): children ${earlier} and ${children[k]} share variable ${name(v)}; ` +
                `a product must be decomposable`,
            );
          }
          scratch[w]! |= bits[w]!;
        }
      }
      scopeOf[n] = table.intern(scratch);
    }
  }
  return { table, scopeOf };
}
