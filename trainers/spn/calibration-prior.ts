import { logDirichletInto } from "../../shared/numeric/gamma.ts";
import type { Rng } from "../../shared/numeric/rng.ts";
import type { SpnArtifact, SpnStoredArtifact } from "../../shared/spn/artifact-schema.ts";
import { serializeSpn } from "./artifact.ts";
import { trainChains } from "./train-chains.ts";
import type { TrainOptions } from "./train-options.ts";

/**
 * A truth drawn from the calibration model's own prior (simulation-based calibration, Talts et al.
 * 2018): the region graph that training with these options builds (it depends on the seed and the
 * options only, not on the rows: a one-sweep run on placeholder rows yields it), with sum weights
 * ~ Dirichlet(alpha) and Bernoulli leaves p(x = 1) ~ Beta(beta). For such truths exact Bayesian
 * inference covers with exactly the nominal rate on average, so coverage below it here would
 * point at the inference (sampler, draws, weights, quantile rule), and coverage that is nominal
 * here but not on the fixed mixture truth (calibration.ts knownSpn) points at the prior and model
 * class instead (docs/spn-api.md, "Calibration").
 */
export function priorTruthSpn(rng: Rng, variables: number, o: TrainOptions): SpnArtifact {
  const names = Array.from({ length: variables }, (_, d) => `x${d}`);
  const placeholder = { rows: 2, cols: variables, x: new Uint8Array(2 * variables) };
  const one = trainChains(placeholder, null, {
    ...o,
    chains: 1,
    burnIn: 1,
    iterations: 1,
    thin: 1,
    members: 1,
    budgetS: null,
  });
  const artifact = JSON.parse(serializeSpn(one.graph, one.members, names)) as SpnStoredArtifact;
  const weights: number[] = [];
  for (const node of artifact.nodes) {
    if (node.kind !== "sum") continue;
    const K = node.children.length;
    const logW = new Float64Array(K);
    logDirichletInto(rng, new Float64Array(K).fill(o.alpha), 0, K, logW, 0);
    for (const lw of logW) weights.push(Math.exp(lw));
  }
  const [a, b] = o.beta;
  const leafParams = artifact.nodes.flatMap((node) => {
    if (node.kind !== "leaf") return [];
    const logP = new Float64Array(2);
    logDirichletInto(rng, Float64Array.of(a, b), 0, 2, logP, 0);
    return [Math.exp(logP[0]!)];
  });
  return { ...artifact, members: [{ weights, leafParams }] };
}
