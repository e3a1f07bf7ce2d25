import { createRng, standardNormal, type Rng } from "../../shared/numeric/rng.ts";
import { Adam } from "./adam.ts";
import { parameterCount, type FeatureData } from "./linear-head.ts";
import { rberDataTerm, type RberSettings } from "./rber-loss.ts";

/**
 * PAC-Bayesian variational inference with the rBER objective in its λ·variance form (Futami et
 * al., arXiv 2206.01606): a mean-field Gaussian q = N(μ, diag σ²) over one linear head,
 * minimising Σ_i E_q[L_i] + KL(q ‖ p) (rber-loss.ts for L_i) by reparameterised gradients with M
 * seeded draws per step. The prior p = N(θ₀, σ_p² I) is centred on the head trained on the
 * training split: data disjoint from the held-out features q is fitted on, which keeps the
 * PAC-Bayes bound valid (a data-dependent prior from another split) and the head accurate
 * where the held-out data say little. After fitting, M members are drawn for head.json.
 */
export interface GaussianViOptions extends RberSettings {
  members: number;
  steps: number;
  rate: number;
  priorStd: number;
  /** Initial σ of every parameter. */
  initStd: number;
}

export interface GaussianViFit {
  mean: Float64Array;
  std: Float64Array;
  /** M draws of θ, the served members. */
  members: Float64Array[];
  /** Final objective Σ_i L_i + KL. */
  objective: number;
}

const softplus = (r: number) => (r > 30 ? r : Math.log1p(Math.exp(r)));
const sigmoid = (r: number) => 1 / (1 + Math.exp(-r));
const inverseSoftplus = (s: number) => Math.log(Math.expm1(s));

export function fitGaussianVi(rng: Rng, d: FeatureData, prior: Float64Array, o: GaussianViOptions): GaussianViFit {
  const P = parameterCount(d);
  const M = o.members;
  const mu = Float64Array.from(prior);
  const rho = new Float64Array(P).fill(inverseSoftplus(o.initStd));
  const muOpt = new Adam(P, o.rate);
  const rhoOpt = new Adam(P, o.rate);
  const sp2 = o.priorStd * o.priorStd;
  const eps = Array.from({ length: M }, () => new Float64Array(P));
  const thetas = Array.from({ length: M }, () => new Float64Array(P));
  const gMu = new Float64Array(P);
  const gRho = new Float64Array(P);
  let objective = NaN;
  for (let step = 0; step < o.steps; step++) {
    for (let m = 0; m < M; m++) {
      for (let k = 0; k < P; k++) {
        eps[m]![k] = standardNormal(rng);
        thetas[m]![k] = mu[k]! + softplus(rho[k]!) * eps[m]![k]!;
      }
    }
    const { loss, gradients } = rberDataTerm(thetas, d, o);
    let kl = 0;
    for (let k = 0; k < P; k++) {
      const s = softplus(rho[k]!);
      const dm = mu[k]! - prior[k]!;
      // KL(N(μ, s²) ‖ N(θ₀, σ_p²)) per coordinate.
      kl += Math.log(o.priorStd / s) + (s * s + dm * dm) / (2 * sp2) - 0.5;
      let gm = dm / sp2;
      let gs = s / sp2 - 1 / s;
      for (let m = 0; m < M; m++) {
        gm += gradients[m]![k]!;
        gs += gradients[m]![k]! * eps[m]![k]!;
      }
      gMu[k] = gm;
      gRho[k] = gs * sigmoid(rho[k]!);
    }
    objective = loss + kl;
    muOpt.step(mu, gMu);
    rhoOpt.step(rho, gRho);
  }
  const std = Float64Array.from(rho, softplus);
  const draw = createRng(rng.nextUint32());
  const members = Array.from({ length: M }, () => Float64Array.from(mu, (v, k) => v + std[k]! * standardNormal(draw)));
  return { mean: mu, std, members, objective };
}
