import { type Rng, standardNormal } from "../../shared/numeric/rng.ts";
import { BETA_BOUNDS } from "./hyper-beta.ts";
import { betaLeafGroups } from "./hyper-beta-leaves.ts";
import { logGamma } from "./special.ts";
import { refreshLeafCache, type SamplerState } from "./state.ts";

/** Random-walk Metropolis steps per variable and sweep, and their step size on (logit mean, log strength). */
export const BETA_MH = { steps: 20, scale: 0.4 } as const;

/** log p(groups | a, b): the leaf groups' Beta-Binomial marginal likelihood (binomial coefficients dropped). */
export function betaBinomialLogLik(ones: readonly number[], size: readonly number[], a: number, b: number): number {
  let ll = 0;
  const lBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  for (let i = 0; i < size.length; i++) {
    const k = ones[i]!;
    const m = size[i]!;
    ll += logGamma(a + k) + logGamma(b + m - k) - logGamma(a + b + m) - lBeta;
  }
  return ll;
}

/**
 * Weak hyperprior in the sampled coordinates u = log(a / b), v = log(a + b): mean m = a / (a + b)
 * uniform, strength s = a + b log-logistic with median 1 (density 1 / (1 + s)^2), times the
 * Jacobians m (1 - m) and s. Proper, so the chain cannot run off to the bounds on flat likelihoods.
 */
function logHyperprior(u: number, v: number): number {
  const logM = -Math.log1p(Math.exp(-u));
  const log1mM = -Math.log1p(Math.exp(u));
  const s = Math.exp(v);
  return logM + log1mM + v - 2 * Math.log1p(s);
}

/**
 * Samples each variable's Beta(a_d, b_d) given the trees, p(a_d, b_d | Z, X) ∝ hyperprior × the
 * Beta-Binomial marginal likelihood of the leaves of variable d (the leaves are collapsed, so this
 * is the exact full conditional). Used after every sweep instead of the MC-EM refit, burn-in and
 * after: each member then stores the (a_d, b_d) of its own sweep, and the server's parameter draws
 * carry the hyperparameters' uncertainty instead of one point estimate's.
 */
export function sampleBetaFromLeaves(rng: Rng, st: SamplerState): void {
  const { ones, size } = betaLeafGroups(st);
  const { a, b } = st.hyper;
  for (let d = 0; d < st.data.cols; d++) [a[d], b[d]] = sampleBetaPair(rng, ones[d]!, size[d]!, a[d]!, b[d]!);
  refreshLeafCache(st);
}

/** `steps` random-walk Metropolis steps on (u, v) from (a, b), targeting hyperprior × Beta-Binomial likelihood. */
export function sampleBetaPair(
  rng: Rng,
  ones: readonly number[],
  size: readonly number[],
  a: number,
  b: number,
  steps: number = BETA_MH.steps,
): [number, number] {
  const inBounds = (x: number): boolean => x >= BETA_BOUNDS.min && x <= BETA_BOUNDS.max;
  let u = Math.log(a / b);
  let v = Math.log(a + b);
  let logP = betaBinomialLogLik(ones, size, a, b) + logHyperprior(u, v);
  for (let t = 0; t < steps; t++) {
    const u2 = u + BETA_MH.scale * standardNormal(rng);
    const v2 = v + BETA_MH.scale * standardNormal(rng);
    const s = Math.exp(v2);
    const a2 = s / (1 + Math.exp(-u2));
    const b2 = s / (1 + Math.exp(u2));
    if (!inBounds(a2) || !inBounds(b2)) continue; // outside the support: rejected
    const logP2 = betaBinomialLogLik(ones, size, a2, b2) + logHyperprior(u2, v2);
    if (Math.log(rng.nextFloat()) < logP2 - logP) [u, v, logP, a, b] = [u2, v2, logP2, a2, b2];
  }
  return [a, b];
}
