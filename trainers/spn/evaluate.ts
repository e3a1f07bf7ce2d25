import { logSumExp } from "../../shared/numeric/log-space.ts";
import type { BinaryData } from "./dataset.ts";
import type { Member } from "./member.ts";
import type { RegionGraph } from "./region-graph.ts";

/**
 * log p(x_n) of every row under one parameterised SPN: a dense upward pass over all edges, with
 * the same per-region scaling as the Gibbs pass (linear values, one log scale per region).
 */
export function memberLogLikelihoods(g: RegionGraph, member: Member, data: BinaryData): Float64Array {
  const logP1 = member.leafParams.map(Math.log);
  const logP0 = member.leafParams.map((p) => Math.log1p(-p));
  const lin = new Float64Array(g.nodes);
  const scale = new Float64Array(g.regions);
  const prod = new Float64Array(g.products);
  const out = new Float64Array(data.rows);
  const w = member.weights;
  for (let n = 0; n < data.rows; n++) {
    const row = n * data.cols;
    for (let r = 0; r < g.regions; r++) {
      const ns = g.nodeStart[r]!;
      const K = g.size[r]!;
      let mx = -Infinity;
      if (g.isLeaf[r] === 1) {
        const len = g.scopeLength[r]!;
        const vs = g.scopeStart[r]!;
        for (let k = 0; k < K; k++) {
          const base = g.leafStart[r]! + k * len;
          let v = 0;
          for (let i = 0; i < len; i++)
            v += data.x[row + g.scopeVars[vs + i]!] === 1 ? logP1[base + i]! : logP0[base + i]!;
          lin[ns + k] = v;
          if (v > mx) mx = v;
        }
        for (let k = 0; k < K; k++) lin[ns + k] = Math.exp(lin[ns + k]! - mx);
        scale[r] = mx;
        continue;
      }
      const pEnd = g.partStart[r]! + g.partCount[r]!;
      let maxScale = -Infinity;
      for (let p = g.partStart[r]!; p < pEnd; p++)
        maxScale = Math.max(maxScale, scale[g.partLeft[p]!]! + scale[g.partRight[p]!]!);
      let at = 0;
      for (let p = g.partStart[r]!; p < pEnd; p++) {
        const left = g.partLeft[p]!;
        const right = g.partRight[p]!;
        const f = Math.exp(scale[left]! + scale[right]! - maxScale);
        const l0 = g.nodeStart[left]!;
        const r0 = g.nodeStart[right]!;
        for (let k1 = 0; k1 < g.size[left]!; k1++) {
          const a = f * lin[l0 + k1]!;
          for (let k2 = 0; k2 < g.size[right]!; k2++) prod[at++] = a * lin[r0 + k2]!;
        }
      }
      const C = g.childCount[r]!;
      for (let k = 0; k < K; k++) {
        const e0 = g.edgeStart[r]! + k * C;
        let v = 0;
        for (let c = 0; c < C; c++) v += w[e0 + c]! * prod[c]!;
        lin[ns + k] = v;
        if (v > mx) mx = v;
      }
      for (let k = 0; k < K; k++) lin[ns + k] = lin[ns + k]! / mx;
      scale[r] = maxScale + Math.log(mx);
    }
    out[n] = scale[g.root]!;
  }
  return out;
}

/** Mean log-likelihood per row (nats). */
export function meanLogLikelihood(g: RegionGraph, member: Member, data: BinaryData): number {
  return memberLogLikelihoods(g, member, data).reduce((acc, v) => acc + v, 0) / data.rows;
}

/** Mean log-likelihood of the uniform mixture of the members (itself a valid SPN, notes Sec. 2). */
export function ensembleLogLikelihood(g: RegionGraph, members: readonly Member[], data: BinaryData): number {
  const per = members.map((m) => memberLogLikelihoods(g, m, data));
  const column = new Float64Array(members.length);
  let total = 0;
  for (let n = 0; n < data.rows; n++) {
    for (let s = 0; s < members.length; s++) column[s] = per[s]![n]!;
    total += logSumExp(column) - Math.log(members.length);
  }
  return total / data.rows;
}

/** Mean over rows of log((1/S) sum_s p_s(x)) from per-member per-row log-likelihoods. */
export function ensembleFromScores(scores: readonly Float64Array[]): number {
  const rows = scores[0]!.length;
  const column = new Float64Array(scores.length);
  let total = 0;
  for (let n = 0; n < rows; n++) {
    for (let s = 0; s < scores.length; s++) column[s] = scores[s]![n]!;
    total += logSumExp(column) - Math.log(scores.length);
  }
  return total / rows;
}
