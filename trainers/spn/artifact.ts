import type { Member, MemberPosterior } from "./member.ts";
import type { RegionGraph } from "./region-graph.ts";

const SIGNIFICANT_DIGITS = 7;
const round = (x: number): number => Number(x.toPrecision(SIGNIFICANT_DIGITS));

/**
 * Rounds one sum node's weights to 7 significant digits and gives the rounding residue to its
 * largest weight, so that each block still sums to 1 within 1e-12 (the reader checks 1e-6).
 */
function roundWeights(w: Float64Array, from: number, to: number, out: number[]): void {
  let largest = from;
  for (let i = from; i < to; i++) if (w[i]! > w[largest]!) largest = i;
  let rest = 0;
  const at = out.length;
  for (let i = from; i < to; i++) {
    const v = i === largest ? 0 : round(w[i]!);
    out.push(v);
    rest += v;
  }
  out[at + largest - from] = 1 - rest;
}

/**
 * Serialises the region graph and its members as spn.json, formatVersion 1. Node order follows
 * the region post-order: a leaf region's components (one Bernoulli leaf per scope variable under a
 * product; a single-variable scope is the leaf itself), an internal region's partition products,
 * then its sums. That order makes the edge and leaf layouts of the sampler the artifact's
 * `weights` and `leafParams` concatenations. Deterministic: same inputs, same bytes.
 */
export function serializeSpn(g: RegionGraph, members: readonly Member[], names: readonly string[]): string {
  const nodes: string[] = [];
  const nodeOf = new Int32Array(g.nodes); // artifact node id of region node (r, k)
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 1) {
      const len = g.scopeLength[r]!;
      for (let k = 0; k < g.size[r]!; k++) {
        const leaves: number[] = [];
        for (let i = 0; i < len; i++) {
          leaves.push(nodes.length);
          nodes.push(`{"kind":"leaf","variable":${g.scopeVars[g.scopeStart[r]! + i]}}`);
        }
        if (len > 1) nodes.push(`{"kind":"product","children":[${leaves.join(",")}]}`);
        nodeOf[g.nodeStart[r]! + k] = nodes.length - 1;
      }
      continue;
    }
    const products: number[] = [];
    for (let p = g.partStart[r]!; p < g.partStart[r]! + g.partCount[r]!; p++) {
      const left = g.partLeft[p]!;
      const right = g.partRight[p]!;
      for (let k1 = 0; k1 < g.size[left]!; k1++) {
        for (let k2 = 0; k2 < g.size[right]!; k2++) {
          products.push(nodes.length);
          nodes.push(`{"kind":"product","children":[${nodeOf[g.nodeStart[left]! + k1]},${nodeOf[g.nodeStart[right]! + k2]}]}`);
        }
      }
    }
    const children = products.join(",");
    for (let k = 0; k < g.size[r]!; k++) {
      nodeOf[g.nodeStart[r]! + k] = nodes.length;
      nodes.push(`{"kind":"sum","children":[${children}]}`);
    }
  }
  const variables = names.map((name) => JSON.stringify({ name, type: "bernoulli", states: ["0", "1"] }));
  const memberLines = members.map((m) => {
    const weights: number[] = [];
    const sumCounts: number[] = [];
    for (let r = 0; r < g.regions; r++) {
      if (g.isLeaf[r] === 1) continue;
      const C = g.childCount[r]!;
      for (let k = 0; k < g.size[r]!; k++) {
        const from = g.edgeStart[r]! + k * C;
        roundWeights(m.weights, from, from + C, weights);
        if (m.posterior) for (let e = from; e < from + C; e++) sumCounts.push(m.posterior.sumCounts[e]!);
      }
    }
    const leafParams = Array.from(m.leafParams, round);
    const posterior = m.posterior ? `,"posterior":${posteriorJson(m.posterior, sumCounts)}` : "";
    return `{"weights":${JSON.stringify(weights)},"leafParams":${JSON.stringify(leafParams)}${posterior}}`;
  });
  return (
    `{"format":"spn","formatVersion":1,\n"variables":[\n${variables.join(",\n")}\n],\n` +
    `"nodes":[\n${nodes.join(",\n")}\n],\n"members":[\n${memberLines.join(",\n")}\n]}\n`
  );
}

/** members[s].posterior (/work/brief/posterior-stats-format.md); sumCounts already in weights order. */
function posteriorJson(p: MemberPosterior, sumCounts: readonly number[]): string {
  return JSON.stringify({ sumAlpha: p.sumAlpha, sumCounts, leafPriors: p.leafPriors, leafStats: Array.from(p.leafStats) });
}
