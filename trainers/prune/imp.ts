import { standardNormal, type Rng } from "../../shared/numeric/rng.ts";
import { applyMask, countKept, fullMask, magnitudeMask } from "./magnitude.ts";
import { gaussianKl, pacBayesBound, type Bound } from "./pac-bayes.ts";
import type { PruneTarget } from "./target.ts";

export interface ImpOptions {
  /** Pruning rounds after the dense one; each drops `fraction` of the surviving prunable weights. */
  rounds: number;
  fraction: number;
  /** σ grid of the Gaussian slab; the best σ per round is kept, paid for by ln(grid size). */
  sigmas: readonly number[];
  /** Passes over the bound's sample, one posterior draw per chunk per pass. */
  passes: number;
  delta: number;
  /** Bounds this far from 1 even at zero empirical error are reported without sampling. */
  vacuousAbove: number;
}

export interface ImpRow {
  round: number;
  /** Fraction of prunable weights that are zero. */
  sparsity: number;
  kept: number;
  prunable: number;
  test: { error: number; figures: Record<string, number> };
  validation: number;
  /** Deterministic loss of the pruned weights on the bound's sample. */
  boundSampleError: number;
  /** The best σ's sampled error ê(Q) (NaN when the bound is vacuous without sampling) and bound. */
  sigma: number;
  sampledError: number;
  weightKl: number;
  bound: Bound;
  seconds: number;
  /** Of which training (the rest: test, validation, bound). */
  trainSeconds: number;
  weights: Float32Array[];
  masks: Uint8Array[];
}

function chunkErrors(target: PruneTarget): number {
  let sum = 0;
  for (let c = 0; c < target.boundChunks; c++) sum += target.chunkError(c);
  return sum / target.boundChunks;
}

/** ê(Q): each chunk scored under its own draw w + σ·ε on the kept weights, `passes` times over. */
function sampledError(
  rng: Rng,
  target: PruneTarget,
  weights: readonly Float32Array[],
  masks: readonly Uint8Array[],
  sigma: number,
  passes: number,
): number {
  let sum = 0;
  for (let p = 0; p < passes; p++) {
    for (let c = 0; c < target.boundChunks; c++) {
      target.setWeights(
        weights.map((w, t) => w.map((x, i) => (masks[t]![i] === 0 ? 0 : x + sigma * standardNormal(rng)))),
      );
      sum += target.chunkError(c);
    }
  }
  target.setWeights(weights);
  return sum / (passes * target.boundChunks);
}

/** IMP with rewinding: round 0 trains dense from the rewind point; each later round prunes, rewinds, retrains. */
export function runImp(
  rng: Rng,
  target: PruneTarget,
  o: ImpOptions,
  onRow: (row: ImpRow) => void = () => {},
): ImpRow[] {
  const prunableIndex = target.tensors.map((t) => t.prunable);
  const prunable = target.tensors.reduce((n, t) => n + (t.prunable ? t.size : 0), 0);
  let masks = target.tensors.map((t) => fullMask(t.size));
  const rows: ImpRow[] = [];
  for (let round = 0; round <= o.rounds; round++) {
    const started = performance.now();
    target.setWeights(target.rewindPoint.map((w, t) => applyMask(w, masks[t]!)));
    target.train(masks);
    const trainSeconds = (performance.now() - started) / 1000;
    const weights = target.getWeights();
    const kept = countKept(masks.filter((_, t) => prunableIndex[t]));
    const test = target.test();
    const validation = target.validation();
    const boundSampleError = chunkErrors(target);
    let best: Pick<ImpRow, "sigma" | "sampledError" | "weightKl" | "bound"> | null = null;
    for (const sigma of o.sigmas) {
      const weightKl = gaussianKl(weights, target.rewindPoint, masks, sigma);
      const base = {
        draws: o.passes * target.boundChunks,
        m: target.boundExamples,
        weightKl,
        prunable,
        kept,
        levels: o.rounds + 1,
        sigmas: o.sigmas.length * target.priorChoices,
        delta: o.delta,
      };
      const floor = pacBayesBound({ ...base, sampledError: 0 });
      // Sampling cannot bring a bound below its zero-error value: skip σ values that are vacuous anyway.
      if (floor.bound >= o.vacuousAbove) {
        // Among vacuous σ values (bounds all ≈ 1 in floating point) keep the smallest complexity.
        if (best === null || (Number.isNaN(best.sampledError) && floor.complexity < best.bound.complexity))
          best = { sigma, sampledError: NaN, weightKl, bound: floor };
        continue;
      }
      const e = sampledError(rng, target, weights, masks, sigma, o.passes);
      const bound = pacBayesBound({ ...base, sampledError: e });
      if (best === null || bound.bound < best.bound.bound) best = { sigma, sampledError: e, weightKl, bound };
    }
    const row: ImpRow = {
      round,
      sparsity: 1 - kept / prunable,
      kept,
      prunable,
      test,
      validation,
      boundSampleError,
      ...best!,
      seconds: (performance.now() - started) / 1000,
      trainSeconds,
      weights,
      masks,
    };
    rows.push(row);
    onRow(row);
    if (round < o.rounds)
      masks = masks.map((m, t) => (prunableIndex[t] ? magnitudeMask(weights[t]!, m, o.fraction) : m));
  }
  return rows;
}

/** The sparsest round whose validation figure is within `tolerance` of the dense round's (chosen on validation, never test). */
export function smallestWithin(rows: readonly ImpRow[], tolerance: number): ImpRow {
  const dense = rows[0]!;
  return rows
    .filter((r) => r.validation >= dense.validation - tolerance)
    .reduce((a, b) => (b.sparsity > a.sparsity ? b : a), dense);
}
