import type { StructureOptions } from "./region-graph.ts";
import { TrainerUsageError } from "./errors.ts";
import type { TrainOptions } from "./train-options.ts";

/**
 * Per-data-set settings used by the benchmark and the shipped models, chosen on nltcs / plants /
 * baudio runs (docs/spn-training.md): small alpha keeps counts sparse, which is both what fits and
 * what makes the sparse Gibbs sweep fast. Structure sizes keep spn.json with S members < ~8 MB.
 */
/** J = 8 partitions, K_s = K_l = 5, depth 2: best of the sizes tried at equal time (16k sum edges). */
const WIDE_SHALLOW: StructureOptions = { sumComponents: 5, leafComponents: 5, partitions: 8, depth: 2 };

export const PRESETS: Record<string, { structure: StructureOptions; alpha: number }> = {
  nltcs: { structure: WIDE_SHALLOW, alpha: 0.02 },
  plants: { structure: WIDE_SHALLOW, alpha: 0.02 },
  baudio: { structure: WIDE_SHALLOW, alpha: 0.02 },
  jester: { structure: WIDE_SHALLOW, alpha: 0.02 },
  bnetflix: { structure: WIDE_SHALLOW, alpha: 0.02 },
  accidents: { structure: WIDE_SHALLOW, alpha: 0.02 },
};

export const FALLBACK_PRESET = PRESETS.nltcs!;

/** Benchmark sampler names: topdown | bottomup | hybrid, "+nb" = half the proposals copy a neighbour's tree. */
export const NEIGHBOUR_SUFFIX = "+nb";

/** Training options for a timed benchmark run of one sampler. */
export function benchmarkOptions(
  base: TrainOptions,
  name: string,
  samplerName: string,
  budgetS: number,
  seed: number,
): TrainOptions {
  const preset = PRESETS[name] ?? FALLBACK_PRESET;
  const neighbour = samplerName.endsWith(NEIGHBOUR_SUFFIX);
  const sampler = samplerName.replace(NEIGHBOUR_SUFFIX, "") as TrainOptions["sampler"];
  if (!["topdown", "bottomup", "hybrid"].includes(sampler))
    throw new TrainerUsageError(`unknown sampler "${samplerName}"`);
  return {
    ...base,
    ...preset,
    sampler,
    seed,
    budgetS,
    neighbourMix: neighbour ? 0.5 : 0,
    burnIn: 1e9,
    iterations: 1e9,
    empiricalBayes: true,
    refitAlpha: true,
  };
}
