import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { memberProbabilities } from "../../../shared/classify/head.ts";
import { fitDeepEnsemble } from "../../../trainers/uncertainty-heads/deep-ensemble.ts";
import { fitGaussianVi } from "../../../trainers/uncertainty-heads/gaussian-vi.ts";
import { packMembers, type FeatureData } from "../../../trainers/uncertainty-heads/linear-head.ts";
import { fitParticleVi } from "../../../trainers/uncertainty-heads/particle-vi.ts";
import { rberDataTerm } from "../../../trainers/uncertainty-heads/rber-loss.ts";
import { uncertaintyScores } from "../../../shared/uncertainty/scores.ts";
import { probe, toyData } from "./toy-data.ts";

const d = toyData(3);
const prior = new Float64Array(6);
const rber = { lambda: 0.05, noiseVariance: 0.25, priorStd: 1 };
const vi = (seed: number) =>
  fitGaussianVi(createRng(seed), d, prior, { ...rber, members: 8, steps: 300, rate: 0.03, initStd: 0.05 }).members;
const svgd = (seed: number, particles = 8, steps = 300) =>
  fitParticleVi(createRng(seed), d, prior, { ...rber, particles, steps, rate: 0.03, initStd: 1 }).particles;

/** MI and BER_sq of each probe point under the members. */
function scores(members: Float64Array[], points: FeatureData) {
  const head = packMembers(members, points);
  const probs = new Float64Array(members.length * 2);
  return Array.from(points.y, (_, i) => {
    memberProbabilities(head, points.x, 2 * i, 1, probs);
    const s = uncertaintyScores(probs, members.length, 2);
    return { mi: s.epistemic, berSq: s.excessRisk, total: s.total };
  });
}

describe("uncertainty head fitters", () => {
  it("are deterministic for a seed and differ across seeds", () => {
    expect(vi(1)).toEqual(vi(1));
    expect(vi(1)).not.toEqual(vi(2));
    expect(svgd(1)).toEqual(svgd(1));
    expect(svgd(1)).not.toEqual(svgd(2));
    const ensemble = (seed: number) =>
      fitDeepEnsemble(createRng(seed), d, { members: 3, epochs: 5, batch: 8, rate: 0.05, decay: 1, initStd: 1 });
    expect(ensemble(1)).toEqual(ensemble(1));
    expect(ensemble(1)).not.toEqual(ensemble(2));
  });

  it("rank an out-of-support input above every in-support one by EU, where softmax entropy does not", () => {
    const inSupport = probe(
      Array.from({ length: 20 }, (_, i) => [i % 2 ? 1 + i / 40 : -1 - i / 40, 0.02 * ((i % 5) - 2)]),
    );
    const outside = probe([[3, 8]]);
    for (const members of [vi(5), svgd(5)]) {
      const inside = scores(members, inSupport);
      const out = scores(members, outside)[0]!;
      expect(out.mi).toBeGreaterThan(Math.max(...inside.map((s) => s.mi)));
      expect(out.berSq).toBeGreaterThan(Math.max(...inside.map((s) => s.berSq)));
    }
    // The single MAP head (one particle) is confident out there: entropy misses it.
    const map = scores(
      svgd(5, 1, 2_000),
      probe([
        [3, 8],
        [-1, 0],
      ]),
    );
    expect(map[0]!.total).toBeLessThan(0.2);
  });

  it("particle VI with one particle is the MAP of the same objective", () => {
    const [particle] = svgd(9, 1, 3_000);
    // Independent check: plain gradient descent with backtracking on the negative log posterior.
    const objective = (t: Float64Array) => {
      const { loss, gradients } = rberDataTerm([t], d, rber);
      let penalty = 0;
      const grad = gradients[0]!;
      for (let k = 0; k < t.length; k++) {
        penalty += (t[k]! * t[k]!) / (2 * rber.priorStd ** 2);
        grad[k]! += t[k]! / rber.priorStd ** 2;
      }
      return { value: loss + penalty, grad };
    };
    const theta = new Float64Array(6);
    let step = 1;
    for (let it = 0; it < 20_000; it++) {
      const { value, grad } = objective(theta);
      let next = theta.map((v, k) => v - step * grad[k]!);
      while (objective(next).value > value && step > 1e-12) {
        step /= 2;
        next = theta.map((v, k) => v - step * grad[k]!);
      }
      theta.set(next);
      step *= 1.5;
    }
    const gradNorm = Math.hypot(...objective(particle!).grad);
    expect(gradNorm).toBeLessThan(1e-3);
    for (let k = 0; k < 6; k++) expect(particle![k]!).toBeCloseTo(theta[k]!, 3);
  });
});
