import { pushRoundedWeights, roundParameter } from "../../shared/spn/posterior-means.ts";
import { forEachLeafPosition, inMvnBlock, mvnMemberJson, mvnNodeJson, univariateOnly } from "./artifact-mvn.ts";
import type { MvnBlocks } from "./leaf-mvn.ts";
import { VAR_BINARY, VAR_CONTINUOUS } from "./leaf-tabular.ts";
import type { Member, MemberPosterior } from "./member.ts";
import type { RegionGraph } from "./region-graph.ts";
import type { Hyper } from "./state.ts";
import type { ColumnSpec } from "./table-columns.ts";
import { missingCode } from "./table-encode.ts";
import type { TrainResult } from "./train.ts";

const round = roundParameter;

/**
 * Serialises the region graph and its members as spn.json, formatVersion 1. Node order follows
 * the region post-order: a leaf region's components (one Bernoulli leaf per scope variable under a
 * product; a single-variable scope is the leaf itself), an internal region's partition products,
 * then its sums. That order makes the edge and leaf layouts of the sampler the artifact's
 * `weights` and `leafParams` concatenations. Deterministic: same inputs, same bytes.
 */
export function serializeSpn(
  g: RegionGraph,
  members: readonly Member[],
  names: readonly string[],
  table?: { columns: readonly ColumnSpec[]; mvn?: MvnBlocks | null },
): string {
  const blocks = table?.mvn ?? null;
  const nodes: string[] = [];
  const nodeOf = new Int32Array(g.nodes); // artifact node id of region node (r, k)
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 1) {
      const len = g.scopeLength[r]!;
      for (let k = 0; k < g.size[r]!; k++) {
        const leaves: number[] = [];
        for (let i = 0; i < len; i++) {
          if (inMvnBlock(blocks, g, r, i)) continue;
          leaves.push(nodes.length);
          nodes.push(`{"kind":"leaf","variable":${g.scopeVars[g.scopeStart[r]! + i]}}`);
        }
        // A block's variables are one multivariate leaf, after the region's univariate leaves.
        if (blocks && blocks.p[r]! > 0) leaves.push(nodes.push(mvnNodeJson(blocks, r)) - 1);
        if (leaves.length > 1) nodes.push(`{"kind":"product","children":[${leaves.join(",")}]}`);
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
          nodes.push(
            `{"kind":"product","children":[${nodeOf[g.nodeStart[left]! + k1]},${nodeOf[g.nodeStart[right]! + k2]}]}`,
          );
        }
      }
    }
    const children = products.join(",");
    for (let k = 0; k < g.size[r]!; k++) {
      nodeOf[g.nodeStart[r]! + k] = nodes.length;
      nodes.push(`{"kind":"sum","children":[${children}]}`);
    }
  }
  const variables = table
    ? table.columns.map(variableSpec)
    : names.map((name) => JSON.stringify({ name, type: "bernoulli", states: ["0", "1"] }));
  const memberLines = members.map((m) => {
    // A binary model's posterior means follow from its counts (shared/spn/posterior-means.ts), so
    // they are neither rounded nor written: that keeps spn.json, and what an isolate parses, a third.
    const countsOnly = !table && m.posterior !== undefined;
    const weights: number[] = [];
    // n_{s,c} in the weights' order, for the `posterior` field (DEBD and mixed-table members alike).
    const counts = m.posterior?.sumCounts ?? m.stats?.sumCounts;
    const sumCounts: number[] = [];
    for (let r = 0; r < g.regions; r++) {
      if (g.isLeaf[r] === 1) continue;
      const C = g.childCount[r]!;
      for (let k = 0; k < g.size[r]!; k++) {
        const from = g.edgeStart[r]! + k * C;
        if (!countsOnly) pushRoundedWeights(m.weights, from, from + C, weights);
        if (counts) for (let e = from; e < from + C; e++) sumCounts.push(counts[e]!);
      }
    }
    if (countsOnly) return `{"posterior":${posteriorJson(m.posterior!, sumCounts)}}`;
    const leafParams = blocks
      ? univariateOnly(g, blocks, m.leafParams, table!.columns)
      : Array.from(m.leafParams, round);
    const posterior =
      table && m.stats
        ? `,"posterior":${tablePosterior(g, m, sumCounts, table.columns, m.stats.priors, blocks)}`
        : m.posterior
          ? `,"posterior":${posteriorJson(m.posterior, sumCounts)}`
          : "";
    const mvn = blocks ? `,"mvn":${mvnMemberJson(blocks, g, m, table!.columns)}` : "";
    return `{"weights":${JSON.stringify(weights)},"leafParams":${JSON.stringify(leafParams)}${posterior}${mvn}}`;
  });
  return (
    `{"format":"spn","formatVersion":1,\n"variables":[\n${variables.join(",\n")}\n],\n` +
    `"nodes":[\n${nodes.join(",\n")}\n],\n"members":[\n${memberLines.join(",\n")}\n]}\n`
  );
}

/**
 * spn.json of a training result as `train:spn` writes it: a binary table by its names, a mixed
 * table with its columns and multivariate blocks (each member carries its own priors).
 */
export function serializeTrained(
  r: Pick<TrainResult, "graph" | "members" | "state">,
  names: readonly string[],
  columns?: readonly ColumnSpec[] | null,
): string {
  const table = columns ? { columns, mvn: r.state.tab?.mvn ?? null } : undefined;
  return serializeSpn(r.graph, r.members, names, table);
}

/** members[s].posterior (docs/spn-artifact.md); sumCounts already in weights order. */
function posteriorJson(p: MemberPosterior, sumCounts: readonly number[]): string {
  return JSON.stringify({
    sumAlpha: p.sumAlpha,
    sumCounts,
    leafPriors: p.leafPriors,
    leafStats: Array.from(p.leafStats),
  });
}

/** A mixed table's column as an artifact variable; continuous columns are served as gaussian. */
function variableSpec(c: ColumnSpec): string {
  if (c.kind === "continuous") return JSON.stringify({ name: c.name, type: "gaussian" });
  return JSON.stringify({ name: c.name, type: c.kind === "binary" ? "bernoulli" : "categorical", states: c.states });
}

/*
 * Per-leaf-kind writers of the `posterior` sufficient statistics (docs/spn-artifact.md, shared with
 * the Bernoulli/sum writer): priors per variable and statistics per leaf, in the user's units.
 */
export const bernoulliLeafStats = (counts: Int32Array, stride: number, l: number): number[] => [
  counts[stride * l]!,
  counts[stride * l + 1]!,
];
export const bernoulliLeafPrior = (h: Hyper, d: number): number[] => [round(h.a[d]!), round(h.b[d]!)];
export const categoricalLeafStats = (counts: Int32Array, stride: number, l: number, K: number): number[] =>
  Array.from(counts.subarray(stride * l, stride * l + K));
export const categoricalLeafPrior = (h: Hyper, d: number, stride: number, K: number): number[] =>
  Array.from(h.tabular!.dirichlet.subarray(stride * d, stride * d + K), round);

/** Gaussian leaf [n, mean, m2] of its observed values, back in the user's units (value = shift + scale * stored). */
export function gaussianLeafStats(moments: Float64Array, l: number, c: ColumnSpec): number[] {
  const n = moments[3 * l]!;
  if (n === 0) return [0, 0, 0];
  const mean = moments[3 * l + 1]! / n;
  const m2 = Math.max(0, moments[3 * l + 2]! - moments[3 * l + 1]! * mean);
  return [n, round(c.shift + c.scale * mean), round(m2 * c.scale * c.scale)];
}

/** Normal–Gamma [mu0, kappa0, a0, b0] in the user's units: precision scales by 1 / scale^2, so b0 by scale^2. */
export function gaussianLeafPrior(h: Hyper, d: number, c: ColumnSpec): number[] {
  const [mu0, kappa0, a0, b0] = h.tabular!.normalGamma.subarray(4 * d, 4 * d + 4) as unknown as [
    number,
    number,
    number,
    number,
  ];
  return [round(c.shift + c.scale * mu0), round(kappa0), round(a0), round(b0 * c.scale * c.scale)];
}

function tablePosterior(
  g: RegionGraph,
  m: Member,
  sumCounts: readonly number[],
  columns: readonly ColumnSpec[],
  h: Hyper,
  blocks: MvnBlocks | null,
): string {
  const stats = m.stats!;
  const stride = missingCode(columns) + 1;
  const kindOf = (c: ColumnSpec): number =>
    c.kind === "continuous" ? VAR_CONTINUOUS : c.kind === "binary" ? VAR_BINARY : 1;
  const leafPriors = columns.map((c, d) =>
    kindOf(c) === VAR_CONTINUOUS
      ? gaussianLeafPrior(h, d, c)
      : kindOf(c) === VAR_BINARY
        ? bernoulliLeafPrior(h, d)
        : categoricalLeafPrior(h, d, stride, c.states.length),
  );
  const leafStats: number[] = [];
  forEachLeafPosition(g, (r, i, d, l) => {
    if (inMvnBlock(blocks, g, r, i)) return;
    const c = columns[d]!;
    const kind = kindOf(c);
    leafStats.push(
      ...(kind === VAR_CONTINUOUS
        ? gaussianLeafStats(stats.moments, l, c)
        : kind === VAR_BINARY
          ? bernoulliLeafStats(stats.leafCounts, stride, l)
          : categoricalLeafStats(stats.leafCounts, stride, l, c.states.length)),
    );
  });
  return JSON.stringify({ sumAlpha: round(h.alpha), sumCounts, leafPriors, leafStats });
}
