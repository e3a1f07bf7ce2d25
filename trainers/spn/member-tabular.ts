import { normalGammaPosterior, VAR_BINARY, VAR_CONTINUOUS } from "./leaf-tabular.ts";
import { forEachLeaf } from "./region-graph.ts";
import type { SamplerState } from "./state.ts";

/**
 * Serving parameters of a mixed table's leaves, in the artifact's layout and the user's units:
 * bernoulli [p1], categorical [p_0..p_K-1] (the Dirichlet posterior means, i.e. the collapsed
 * predictive), gaussian [mean, std]. The collapsed Normal–Gamma predictive is a Student-t with
 * 2 a_n degrees of freedom; it is served as the Gaussian with the same mean and variance
 * (s^2 nu / (nu - 2); nu <= 3 only for nearly empty leaves, which get s^2 nu), since the engine's
 * leaves are Gaussian. docs/spn-training.md reports what this costs in log-likelihood.
 */
export function tabularLeafParams(st: SamplerState): Float64Array {
  const tab = st.tab!;
  const columns = st.data.columns!;
  const out: number[] = [];
  forEachLeaf(st.graph, (l, d) => {
    const c = columns[d]!;
    if (tab.kind[d] === VAR_CONTINUOUS) {
      const [mu, kappa, a, b] = normalGammaPosterior(
        st.hyper.tabular!.normalGamma,
        4 * d,
        tab.moments[3 * l]!,
        tab.moments[3 * l + 1]!,
        tab.moments[3 * l + 2]!,
      );
      const nu = 2 * a;
      const variance = ((b * (kappa + 1)) / (a * kappa)) * (nu > 3 ? nu / (nu - 2) : nu);
      out.push(mu * c.scale + c.shift, Math.sqrt(variance) * c.scale);
    } else if (tab.kind[d] === VAR_BINARY) {
      out.push(tab.px[tab.stride * l + 1]!);
    } else {
      for (let k = 0; k < c.states.length; k++) out.push(tab.px[tab.stride * l + k]!);
    }
  });
  return Float64Array.from(out);
}
