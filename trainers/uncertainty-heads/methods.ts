import type { HeadMembers } from "../../shared/classify/head.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { recoverLinearHead, fitLaplaceHead } from "../model-add/laplace-fit.ts";
import type { ComparisonSets } from "./comparison-sets.ts";
import { fitDeepEnsemble } from "./deep-ensemble.ts";
import { fitGaussianVi } from "./gaussian-vi.ts";
import { packMembers, type FeatureData } from "./linear-head.ts";
import { fitParticleVi } from "./particle-vi.ts";
import type { ServedModel } from "./served-features.ts";

/**
 * The heads compared, all on the served encoder's features. The single head is the graph's own
 * (recovered exactly from its logits); the served head is head.json as shipped (fitted on the
 * training split); every other method is fitted on the fit third of the held-out validation split, the
 * Bayesian ones with the prior N(θ_train, σ_p² I) centred on the single head.
 */
/** Prior standard deviations tried for the Bayesian heads (σ_p of N(θ_train, σ_p² I)). */
export const PRIOR_STDS = [0.1, 0.3, 1];

export interface MethodSettings {
  members: number;
  /** rBER λ of the variance form (Futami et al. recommend 0.05). */
  lambda: number;
  noiseVariance: number;
  priorStds: readonly number[];
  viSteps: number;
  svgdSteps: number;
  seed: number;
}

export const DEFAULT_SETTINGS: MethodSettings = {
  members: 16,
  lambda: 0.05,
  noiseVariance: 0.25,
  priorStds: PRIOR_STDS,
  viSteps: 600,
  svgdSteps: 600,
  seed: 0,
};

export interface Method {
  key: string;
  label: string;
  head: HeadMembers;
  /** How head.json would describe these members. */
  description: string;
  /** Fitted on the held-out split (false: the shipped single / served heads). */
  heldOut: boolean;
  /** Variants of one family differ only in the prior std; the one served is chosen on the selection halves. */
  family: string;
}

export function fitMethods(m: ServedModel, sets: ComparisonSets, s: MethodSettings): Method[] {
  const { features: F, classes: C } = m.head;
  const fit: FeatureData = { x: sets.fit.features, y: sets.fit.labels, features: F, classes: C };
  const n = fit.y.length;
  const single = recoverLinearHead(fit.x, sets.fit.logits, n, F, C).head;
  const prior = new Float64Array(C * (F + 1));
  prior.set(single.w);
  prior.set(single.b, C * F);
  const rng = (k: number) => createRng(s.seed * 1_000 + k);
  const out: Method[] = [
    {
      key: "single",
      label: "single head (softmax)",
      head: packMembers([prior], fit),
      description: "the graph's mean head",
      heldOut: false,
      family: "single",
    },
    {
      key: "served",
      label: `served head (${m.head.method})`,
      head: { ...m.head, weights: Float64Array.from(m.head.weights), bias: Float64Array.from(m.head.bias) },
      description: m.head.method,
      heldOut: false,
      family: "served",
    },
  ];
  const ensemble = fitDeepEnsemble(rng(1), fit, {
    members: s.members,
    epochs: 30,
    batch: 32,
    rate: 0.05,
    decay: 1,
    initStd: 1,
  });
  out.push({
    key: "ensemble",
    label: `deep ensemble (${s.members} heads)`,
    head: packMembers(ensemble, fit),
    description: `deep ensemble of ${s.members} heads (seeded init and batch order) on the fit third of the validation split`,
    heldOut: true,
    family: "ensemble",
  });
  const laplace = fitLaplaceHead(rng(2), fit.x, sets.fit.logits, fit.y, F, C, s.members);
  out.push({
    key: "laplace",
    label: `last-layer Laplace (λ_prior ${laplace.priorPrecision})`,
    head: {
      ...laplace.head,
      weights: Float64Array.from(laplace.head.weights),
      bias: Float64Array.from(laplace.head.bias),
    },
    description: `last-layer GGN Laplace on the fit third of the validation split, prior precision ${laplace.priorPrecision}`,
    heldOut: true,
    family: "laplace",
  });
  for (const lambda of [s.lambda, 1]) {
    for (const [k, priorStd] of s.priorStds.entries()) {
      const common = { lambda, noiseVariance: s.noiseVariance, priorStd };
      const how = `variance form, squared loss, v² ${s.noiseVariance}, prior N(θ_train, ${priorStd}²), on the fit third of the validation split`;
      const vi = fitGaussianVi(rng(10 + 4 * k + (lambda === 1 ? 1 : 0)), fit, prior, {
        ...common,
        members: s.members,
        steps: s.viSteps,
        rate: 0.01,
        initStd: 0.05,
      });
      const name = lambda === 1 ? "plain VI (λ = 1)" : `PAC-Bayes VI, rBER λ = ${lambda}`;
      out.push({
        key: `vi-${lambda}-${priorStd}`,
        label: `${name}, σ_p ${priorStd}`,
        head: packMembers(vi.members, fit),
        description: `mean-field Gaussian ${name} (${how})`,
        heldOut: true,
        family: `vi-${lambda}`,
      });
      const svgd = fitParticleVi(rng(12 + 4 * k + (lambda === 1 ? 1 : 0)), fit, prior, {
        ...common,
        particles: s.members,
        steps: s.svgdSteps,
        rate: 0.01,
        initStd: priorStd,
      });
      const pname = lambda === 1 ? "SVGD (λ = 1)" : `particle VI (SVGD), rBER λ = ${lambda}`;
      out.push({
        key: `svgd-${lambda}-${priorStd}`,
        label: `${pname}, σ_p ${priorStd}`,
        head: packMembers(svgd.particles, fit),
        description: `${pname}, ${s.members} particles (${how})`,
        heldOut: true,
        family: `svgd-${lambda}`,
      });
    }
  }
  return out;
}
