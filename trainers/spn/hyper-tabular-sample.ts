import { type Rng, standardNormal } from "../../shared/numeric/rng.ts";
import { BETA_BOUNDS } from "./hyper-beta.ts";
import { BETA_MH, sampleBetaPair } from "./hyper-beta-sample.ts";
import { NG_BOUNDS, normalGammaGroupsObjective, type MomentGroup } from "./hyper-conjugate.ts";
import { tabularLeafGroups } from "./hyper-tabular.ts";
import { VAR_BINARY, VAR_CONTINUOUS } from "./leaf-tabular.ts";
import { logGamma } from "./special.ts";
import { refreshLeafCache, type SamplerState } from "./state.ts";

/** log p(groups | alpha): the leaf groups' Dirichlet-multinomial marginal likelihood (multinomial coefficients dropped). */
export function dirichletMultinomialLogLik(groups: readonly number[][], alpha: readonly number[]): number {
  const A = alpha.reduce((s, v) => s + v, 0);
  const logGammaAlpha = alpha.map(logGamma);
  let ll = 0;
  for (const counts of groups) {
    let n = 0;
    for (let k = 0; k < alpha.length; k++) {
      n += counts[k]!;
      if (counts[k]! > 0) ll += logGamma(counts[k]! + alpha[k]!) - logGammaAlpha[k]!;
    }
    ll += logGamma(A) - logGamma(n + A);
  }
  return ll;
}

/**
 * The binary leaves' hyperprior carried to K states, in the sampled coordinates log alpha_k: mean
 * alpha / s uniform on the simplex, strength s = sum alpha log-logistic with median 1 (density
 * 1 / (1 + s)^2); the change of variables adds sum log alpha_k - (K - 1) log s. For K = 2 it is
 * the Beta pair's hyperprior up to a constant.
 */
export function logDirichletHyperprior(logAlpha: readonly number[]): number {
  const s = logAlpha.reduce((t, v) => t + Math.exp(v), 0);
  return logAlpha.reduce((t, v) => t + v, 0) - (logAlpha.length - 1) * Math.log(s) - 2 * Math.log1p(s);
}

/** `steps` joint random-walk Metropolis steps on log alpha, targeting hyperprior × Dirichlet-multinomial likelihood. */
export function sampleDirichlet(
  rng: Rng,
  groups: readonly number[][],
  alpha: readonly number[],
  steps: number = BETA_MH.steps,
): number[] {
  const scale = BETA_MH.scale * Math.sqrt(2 / alpha.length); // the Beta pair's step, spread over K coordinates
  let x = alpha.map(Math.log);
  let logP = dirichletMultinomialLogLik(groups, alpha) + logDirichletHyperprior(x);
  for (let t = 0; t < steps; t++) {
    const x2 = x.map((v) => v + scale * standardNormal(rng));
    const alpha2 = x2.map(Math.exp);
    if (alpha2.some((a) => a < BETA_BOUNDS.min || a > BETA_BOUNDS.max)) continue; // outside the support
    const logP2 = dirichletMultinomialLogLik(groups, alpha2) + logDirichletHyperprior(x2);
    if (Math.log(rng.nextFloat()) < logP2 - logP) [x, logP] = [x2, logP2];
  }
  return x.map(Math.exp);
}

/** Step sizes on (mu0, log kappa0, log a0, log b0). */
const NG_STEP = [0.2, 0.3, 0.3, 0.3] as const;

/**
 * Weak hyperprior of a standardised column's Normal–Gamma prior in the sampled coordinates
 * (mu0, log kappa0, log a0, log b0): mu0 ~ N(0, 2^2) (the column has mean 0 and sd 1), and
 * kappa0, a0 and b0 each log-logistic with median 1, times their Jacobians: x / (1 + x)^2 each.
 */
export function logNormalGammaHyperprior(theta: readonly number[]): number {
  let lp = -(theta[0]! ** 2) / 8;
  for (let i = 1; i < 4; i++) lp += theta[i]! - 2 * Math.log1p(Math.exp(theta[i]!));
  return lp;
}

/** `steps` joint random-walk Metropolis steps on (mu0, log kappa0, log a0, log b0) inside NG_BOUNDS. */
export function sampleNormalGamma(
  rng: Rng,
  groups: readonly MomentGroup[],
  prior: readonly number[],
  steps: number = BETA_MH.steps,
): number[] {
  const logMarginal = normalGammaGroupsObjective(groups);
  const fromTheta = (t: readonly number[]): number[] => t.map((v, i) => (i === 0 ? v : Math.exp(v)));
  const inBounds = (p: readonly number[]): boolean => p.every((v, i) => v >= NG_BOUNDS[i]![0] && v <= NG_BOUNDS[i]![1]);
  let theta = prior.map((v, i) => (i === 0 ? v : Math.log(v)));
  let logP = logMarginal(prior) + logNormalGammaHyperprior(theta);
  for (let t = 0; t < steps; t++) {
    const theta2 = theta.map((v, i) => v + NG_STEP[i]! * standardNormal(rng));
    const prior2 = fromTheta(theta2);
    if (!inBounds(prior2)) continue;
    const logP2 = logMarginal(prior2) + logNormalGammaHyperprior(theta2);
    if (Math.log(rng.nextFloat()) < logP2 - logP) [theta, logP] = [theta2, logP2];
  }
  return fromTheta(theta);
}

/**
 * Hierarchical Bayes for a mixed table's leaf priors, as sampleBetaFromLeaves is for a binary
 * table: after every sweep each column's Beta, Dirichlet or Normal–Gamma prior is drawn from its
 * full conditional given the leaf groups (the leaves are collapsed, so this is exact), and each
 * member keeps the priors of its own sweep. Columns of multivariate blocks keep their fitted
 * priors, which set the blocks' NIW prior (hyper-tabular.ts refitMvnPrior).
 */
export function sampleTabularFromLeaves(rng: Rng, st: SamplerState): void {
  const tab = st.tab!;
  const h = st.hyper;
  const { dirichlet, normalGamma } = h.tabular!;
  const inBlock = new Set(tab.mvn?.vars ?? []);
  const { counts, moments } = tabularLeafGroups(st);
  for (let d = 0; d < st.data.cols; d++) {
    if (inBlock.has(d)) continue;
    const at = tab.stride * d;
    if (tab.kind[d] === VAR_CONTINUOUS) {
      normalGamma.set(sampleNormalGamma(rng, moments[d]!, Array.from(normalGamma.subarray(4 * d, 4 * d + 4))), 4 * d);
    } else if (tab.kind[d] === VAR_BINARY) {
      const g = counts[d]!;
      const [a, b] = sampleBetaPair(
        rng,
        g.map((c) => c[1]!),
        g.map((c) => c[0]! + c[1]!),
        dirichlet[at + 1]!,
        dirichlet[at]!,
      );
      [h.a[d], h.b[d], dirichlet[at + 1], dirichlet[at]] = [a, b, a, b];
    } else {
      dirichlet.set(sampleDirichlet(rng, counts[d]!, Array.from(dirichlet.subarray(at, at + tab.states[d]!))), at);
    }
  }
  refreshLeafCache(st);
}
