/**
 * What a model with multivariate (NIW) leaves would score once SERVED the way the engine serves
 * its other leaves: each member's posterior-mean weights, discrete leaves at their predictive
 * probabilities, Normal–Gamma leaves as the moment-matched Gaussians of member-tabular.ts, and each
 * block as the Gaussian with the NIW predictive's mean and covariance (Psi_n (kappa_n + 1) /
 * (kappa_n (df - 2)), df = nu_n - p + 1), evaluated by shared/spn/gaussian-block.ts, the engine's
 * block code. A dense log-space pass over the region graph per row (bench only, not the server).
 */
import { logSumExp } from "../shared/numeric/log-space.ts";
import { createGaussianBlock, type GaussianBlock, blockLogDensity } from "../shared/spn/gaussian-block.ts";
import type { BinaryData } from "../trainers/spn/dataset.ts";
import type { MvnBlocks } from "../trainers/spn/leaf-mvn.ts";
import type { Member } from "../trainers/spn/member.ts";
import { forEachLeaf, partitionOf, type RegionGraph } from "../trainers/spn/region-graph.ts";
import { missingCode } from "../trainers/spn/table-encode.ts";

const HALF_LOG_TWO_PI = 0.9189385332046728; // = 0.5 * log(2 * pi)

function servedBlocks(b: MvnBlocks | null, g: RegionGraph, m: Member): (GaussianBlock | null)[] {
  const out: (GaussianBlock | null)[] = new Array(g.components).fill(null);
  if (b === null) return out;
  const s = m.stats!.mvn!;
  for (let r = 0; r < g.regions; r++) {
    const p = b.p[r]!;
    if (p === 0) continue;
    const v0 = b.varStart[r]!;
    for (let k = 0; k < g.size[r]!; k++) {
      const c = g.compStart[r]! + k;
      const n = s.n[c]!;
      const k0 = b.kappa0[r]!;
      const kn = k0 + n;
      const df = b.nu0[r]! + n - p + 1;
      const mean = new Float64Array(p);
      const cov = new Float64Array(p * p);
      const dev = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        mean[i] = (k0 * b.mu0[v0 + i]! + s.sum[b.linAt[c]! + i]!) / kn;
        dev[i] = n > 0 ? s.sum[b.linAt[c]! + i]! / n - b.mu0[v0 + i]! : 0;
      }
      const scale = (kn + 1) / (kn * (df - 2));
      for (let i = 0; i < p; i++)
        for (let j = 0; j < p; j++) {
          const sq = b.sqAt[c]! + i * p + j;
          const scatter = n > 0 ? s.outer[sq]! - (s.sum[b.linAt[c]! + i]! * s.sum[b.linAt[c]! + j]!) / n : 0;
          cov[i * p + j] = scale * ((i === j ? b.psi0[v0 + i]! : 0) + scatter + ((k0 * n) / kn) * dev[i]! * dev[j]!);
        }
      out[c] = createGaussianBlock(mean, cov);
    }
  }
  return out;
}

/** log p(row) (standardised units) of every row of `data` under member m served as above. */
export function servedLogLikelihoods(g: RegionGraph, b: MvnBlocks | null, m: Member, data: BinaryData): Float64Array {
  const cols = data.columns!;
  const miss = missingCode(cols);
  const blocks = servedBlocks(b, g, m);
  const leafAt = new Int32Array(g.leaves);
  let at = 0;
  forEachLeaf(g, (l, d) => {
    leafAt[l] = at;
    at += cols[d]!.kind === "continuous" ? 2 : cols[d]!.kind === "binary" ? 1 : cols[d]!.states.length;
  });
  const logV = new Float64Array(g.nodes);
  const out = new Float64Array(data.rows);
  const blockRow = new Float64Array(b?.maxP ?? 0);
  const scratch = new Float64Array(b?.maxP ?? 0);
  const lp = m.leafParams;
  for (let n = 0; n < data.rows; n++) {
    const row = n * data.cols;
    for (let r = 0; r < g.regions; r++) {
      const ns = g.nodeStart[r]!;
      if (g.isLeaf[r] === 1) {
        const len = g.scopeLength[r]!;
        const vs = g.scopeStart[r]!;
        for (let k = 0; k < g.size[r]!; k++) {
          let v = 0;
          for (let i = 0; i < len; i++) {
            const d = g.scopeVars[vs + i]!;
            const code = data.x[row + d]!;
            if (code === miss || (b !== null && b.p[r]! > 0 && b.inBlock[vs + i] === 1)) continue;
            const a = leafAt[g.leafStart[r]! + k * len + i]!;
            const c = cols[d]!;
            if (c.kind === "continuous") {
              const mean = (lp[a]! - c.shift) / c.scale;
              const std = lp[a + 1]! / c.scale;
              const z = (data.values![row + d]! - mean) / std;
              v += -HALF_LOG_TWO_PI - Math.log(std) - 0.5 * z * z;
            } else v += Math.log(c.kind === "binary" ? (code === 1 ? lp[a]! : 1 - lp[a]!) : lp[a + code]!);
          }
          const blk = blocks[g.compStart[r]! + k];
          if (blk) {
            for (let i = 0; i < blk.p; i++) blockRow[i] = data.values![row + b!.vars[b!.varStart[r]! + i]!]!;
            v += blockLogDensity(blk, blockRow.subarray(0, blk.p), scratch);
          }
          logV[ns + k] = v;
        }
        continue;
      }
      const C = g.childCount[r]!;
      const terms = new Float64Array(C);
      for (let k = 0; k < g.size[r]!; k++) {
        const e0 = g.edgeStart[r]! + k * C;
        for (let c = 0; c < C; c++) {
          const p = partitionOf(g, r, c);
          const local = c - g.partChildStart[p]!;
          const K2 = g.size[g.partRight[p]!]!;
          terms[c] =
            Math.log(m.weights[e0 + c]!) +
            logV[g.nodeStart[g.partLeft[p]!]! + ((local / K2) | 0)]! +
            logV[g.nodeStart[g.partRight[p]!]! + (local % K2)]!;
        }
        logV[ns + k] = logSumExp(terms);
      }
    }
    out[n] = logV[g.nodeStart[g.root]!]!;
  }
  return out;
}
