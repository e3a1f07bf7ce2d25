import { standardNormal, type Rng } from "../../shared/numeric/rng.ts";
import { Adam } from "./adam.ts";
import { parameterCount, type FeatureData } from "./linear-head.ts";
import { rberDataTerm, type RberSettings } from "./rber-loss.ts";

/**
 * Particle VI over a linear head: Stein variational gradient descent (Liu & Wang 2016) with the
 * rBER λ·variance data term (rber-loss.ts), as Futami et al. (arXiv 2206.01606) ran rBER with 20
 * particles. Particle j's score is ∇ log p(θ_j) − M ∂(Σ_i L_i)/∂θ_j: for λ = 1 that is exactly
 * the log-posterior gradient of the Gibbs (Brier) likelihood, for λ < 1 the particles share
 * the ensemble's fit term and are charged only λ of their spread. The update
 *   φ(θ_i) = (1/M) Σ_j [ k(θ_j, θ_i) s_j + ∇_{θ_j} k(θ_j, θ_i) ],  k = exp(−‖θ_j − θ_i‖² / h),
 * h = median² / log(M + 1), drives the particles (Adam on −φ). With one particle the repulsion
 * ∇k(θ, θ) vanishes and k = 1, so it is gradient ascent on the log posterior: MAP.
 */
export interface ParticleViOptions extends RberSettings {
  particles: number;
  steps: number;
  rate: number;
  priorStd: number;
  /** Std of the seeded initial spread around the prior centre. */
  initStd: number;
}

export interface ParticleViFit {
  particles: Float64Array[];
  /** Final Σ_i L_i (data term only). */
  dataLoss: number;
}

function medianSquaredDistance(ps: readonly Float64Array[]): number {
  const d: number[] = [];
  for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) d.push(squaredDistance(ps[i]!, ps[j]!));
  if (d.length === 0) return 1;
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)]! || 1;
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k]! - b[k]!) * (a[k]! - b[k]!);
  return s;
}

export function fitParticleVi(rng: Rng, d: FeatureData, prior: Float64Array, o: ParticleViOptions): ParticleViFit {
  const P = parameterCount(d);
  const M = o.particles;
  const particles = Array.from({ length: M }, () =>
    Float64Array.from(prior, (v) => v + o.initStd * standardNormal(rng)),
  );
  const optimisers = particles.map(() => new Adam(P, o.rate));
  const sp2 = o.priorStd * o.priorStd;
  const scores = particles.map(() => new Float64Array(P));
  const step = new Float64Array(P);
  const kernel = new Float64Array(M * M);
  let dataLoss = NaN;
  for (let t = 0; t < o.steps; t++) {
    const { loss, gradients } = rberDataTerm(particles, d, o);
    dataLoss = loss;
    for (let j = 0; j < M; j++)
      for (let k = 0; k < P; k++) scores[j]![k] = -(particles[j]![k]! - prior[k]!) / sp2 - M * gradients[j]![k]!;
    const h = M > 1 ? medianSquaredDistance(particles) / Math.log(M + 1) : 1;
    for (let i = 0; i < M; i++)
      for (let j = 0; j < M; j++) kernel[i * M + j] = Math.exp(-squaredDistance(particles[i]!, particles[j]!) / h);
    const next = particles.map((pi, i) => {
      step.fill(0);
      for (let j = 0; j < M; j++) {
        const kij = kernel[i * M + j]!;
        const pj = particles[j]!;
        // ∇_{θ_j} k(θ_j, θ_i) = −(2/h)(θ_j − θ_i) k: pushes θ_i away from θ_j.
        for (let k = 0; k < P; k++) step[k]! -= (kij * scores[j]![k]! - (2 / h) * (pj[k]! - pi[k]!) * kij) / M;
      }
      return Float64Array.from(step);
    });
    particles.forEach((pi, i) => optimisers[i]!.step(pi, next[i]!));
  }
  return { particles, dataLoss };
}
