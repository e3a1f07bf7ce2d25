import { logDirichletInto, logGammaVariate } from "../numeric/gamma.ts";
import { type Rng, standardNormal } from "../numeric/rng.ts";
import type { SpnArtifact, SpnMvnParams, SpnPosterior } from "./artifact-schema.ts";
import {
  type CompiledMember,
  type CompiledSpn,
  KIND_DISCRETE_LEAF,
  KIND_GAUSSIAN_LEAF,
  KIND_MVN_LEAF,
  KIND_SUM,
} from "./compiled-spn.ts";
import { fillMvnPosterior } from "./mvn-compile.ts";
import { drawMvnLeaf } from "./mvn-draw.ts";

const HALF_LOG_TWO_PI = 0.9189385332046728; // = 0.5 * log(2 * pi)

/**
 * One member's conjugate posterior in the compiled layout (docs/spn-artifact.md, "posterior"):
 * Dirichlet concentrations alpha + n_{s,c} per sum edge (CSR position, 0 on product edges), and
 * from each leaf's leafParamStart either K concentrations (prior + counts; a bernoulli is
 * [b + m0, a + m1]) or the Normal-Gamma posterior [mu_n, kappa_n, a_n, b_n] of a gaussian.
 */
export interface CompiledPosterior {
  readonly edgeConcentration: Float64Array;
  readonly leafPosterior: Float64Array;
}

type Structure = Omit<CompiledSpn, "members" | "selective" | "posteriors">;

/** Posteriors of every member, or null unless every member carries `posterior`. */
export function compilePosteriors(
  spn: Structure,
  artifact: SpnArtifact,
  paramCount: number,
): CompiledPosterior[] | null {
  if (!artifact.members.every((m) => m.posterior !== undefined)) return null;
  return artifact.members.map((m) => compilePosterior(spn, m.posterior!, paramCount, m.mvn));
}

function compilePosterior(
  spn: Structure,
  p: SpnPosterior,
  paramCount: number,
  mvn: SpnMvnParams | undefined,
): CompiledPosterior {
  const edgeConcentration = new Float64Array(spn.edgeCount);
  const leafPosterior = new Float64Array(paramCount);
  let w = 0;
  let at = 0;
  for (let n = 0; n < spn.nodeCount; n++) {
    const k = spn.kind[n]!;
    if (k === KIND_SUM) {
      for (let e = spn.childStart[n]!; e < spn.childStart[n + 1]!; e++)
        edgeConcentration[e] = p.sumAlpha + p.sumCounts[w++]!;
    } else if (k === KIND_DISCRETE_LEAF) {
      const v = spn.leafVariable[n]!;
      const prior = p.leafPriors[v]!;
      const out = spn.leafParamStart[n]!;
      if (spn.variables[v]!.type === "bernoulli") {
        leafPosterior[out] = prior[1]! + p.leafStats[at]!; // Beta(a + m1, b + m0): state 0 gets b
        leafPosterior[out + 1] = prior[0]! + p.leafStats[at + 1]!;
        at += 2;
      } else {
        for (let s = 0; s < prior.length; s++) leafPosterior[out + s] = prior[s]! + p.leafStats[at++]!;
      }
    } else if (k === KIND_GAUSSIAN_LEAF) {
      const [mu0, kappa0, a0, b0] = p.leafPriors[spn.leafVariable[n]!]! as [number, number, number, number];
      const [count, mean, m2] = [p.leafStats[at]!, p.leafStats[at + 1]!, p.leafStats[at + 2]!];
      at += 3;
      const kappaN = kappa0 + count;
      const bN = b0 + m2 / 2 + (kappa0 * count * (mean - mu0) ** 2) / (2 * kappaN);
      leafPosterior.set([(kappa0 * mu0 + count * mean) / kappaN, kappaN, a0 + count / 2, bN], spn.leafParamStart[n]!);
    }
  }
  if (spn.mvn) fillMvnPosterior(spn, mvn!, leafPosterior);
  return { edgeConcentration, leafPosterior };
}

/**
 * Draws one parameter set of a member from its posterior into `out` (its product-edge log-weights
 * must be 0 already): log-Dirichlet sum weights, log-Dirichlet/Beta discrete leaves, and for a
 * gaussian leaf precision ~ Gamma(a_n, rate b_n), mean ~ N(mu_n, 1 / (kappa_n precision)); an
 * mvn leaf (mean, Sigma) ~ NIW(mu_n, kappa_n, nu_n, Psi_n) (mvn-draw.ts).
 */
export function drawParameters(rng: Rng, spn: CompiledSpn, posterior: CompiledPosterior, out: CompiledMember): void {
  const { edgeConcentration, leafPosterior } = posterior;
  for (let n = 0; n < spn.nodeCount; n++) {
    const k = spn.kind[n]!;
    if (k === KIND_SUM) {
      const from = spn.childStart[n]!;
      logDirichletInto(rng, edgeConcentration, from, spn.childStart[n + 1]! - from, out.logWeights, from);
    } else if (k === KIND_DISCRETE_LEAF) {
      const at = spn.leafParamStart[n]!;
      logDirichletInto(rng, leafPosterior, at, spn.stateCount[spn.leafVariable[n]!]!, out.leafLogParams, at);
    } else if (k === KIND_GAUSSIAN_LEAF) {
      const at = spn.leafParamStart[n]!;
      const precision = Math.exp(logGammaVariate(rng, leafPosterior[at + 2]!)) / leafPosterior[at + 3]!;
      const std = 1 / Math.sqrt(precision);
      const mean = leafPosterior[at]! + standardNormal(rng) * (std / Math.sqrt(leafPosterior[at + 1]!));
      out.leafLogParams.set([mean, std, 1 / std, -Math.log(std) - HALF_LOG_TWO_PI], at);
    } else if (k === KIND_MVN_LEAF) {
      drawMvnLeaf(rng, spn, n, leafPosterior, out.leafLogParams);
    }
  }
}
