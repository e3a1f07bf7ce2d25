import { fitBetaBinomial } from "./hyper-beta.ts";
import { refitTabularFromLeaves } from "./hyper-tabular.ts";
import { refreshLeafCache, type SamplerState } from "./state.ts";

/** Per variable d, the leaf groups the sampler formed: ones[d][i] successes out of size[d][i] rows. */
export function betaLeafGroups(st: SamplerState): { ones: number[][]; size: number[][] } {
  const g = st.graph;
  const D = st.data.cols;
  const ones: number[][] = Array.from({ length: D }, () => []);
  const size: number[][] = Array.from({ length: D }, () => []);
  for (let r = 0; r < g.regions; r++) {
    if (g.isLeaf[r] === 0) continue;
    const len = g.scopeLength[r]!;
    for (let k = 0; k < g.size[r]!; k++) {
      const m = st.compCount[g.compStart[r]! + k]!;
      if (m === 0) continue;
      const base = g.leafStart[r]! + k * len;
      for (let i = 0; i < len; i++) {
        const d = g.scopeVars[g.scopeStart[r]! + i]!;
        ones[d]!.push(st.compOnes[base + i]!);
        size[d]!.push(m);
      }
    }
  }
  return { ones, size };
}

/**
 * Monte-Carlo EM step for the leaf priors: given the current trees Z, p(X | Z, a_d, b_d) is a
 * product of Beta-Binomials over the leaves of variable d (notes Sec. 2), so (a_d, b_d) is refitted
 * by type-II maximum likelihood on exactly the groups the sampler formed (Minka 2000 fixed point),
 * warm-started at the current values. Only used during burn-in; the cached predictives follow.
 * `strengthMax` caps a_d + b_d (mean kept): the refit's point estimates feed back into the groups
 * and ran to the bounds on half the variables (docs/spn-api.md, "Calibration").
 */
export function refitBetaFromLeaves(st: SamplerState, strengthMax = Infinity): void {
  if (st.tab) return refitTabularFromLeaves(st); // a mixed table refits every kind of leaf
  const { ones, size } = betaLeafGroups(st);
  const { a, b } = st.hyper;
  for (let d = 0; d < st.data.cols; d++) {
    [a[d], b[d]] = fitBetaBinomial(ones[d]!, size[d]!, a[d], b[d]);
    const s = a[d]! + b[d]!;
    if (s > strengthMax) [a[d], b[d]] = [(a[d]! * strengthMax) / s, (b[d]! * strengthMax) / s];
  }
  refreshLeafCache(st);
}
