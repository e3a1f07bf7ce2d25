import { fitAlpha } from "./hyper-alpha.ts";
import type { Rng } from "../../shared/numeric/rng.ts";
import { refitBetaFromLeaves } from "./hyper-beta-leaves.ts";
import { refitMvnPrior } from "./hyper-tabular.ts";
import { sampleBetaFromLeaves } from "./hyper-beta-sample.ts";
import { sampleTabularFromLeaves } from "./hyper-tabular-sample.ts";
import { refreshLeafCache, type SamplerState } from "./state.ts";
import type { TracePoint } from "./trace.ts";
import type { TrainOptions } from "./train-options.ts";

/** Where a chain is, as the schedule sees it after each full sweep. */
export interface ChainClock {
  sweeps: number;
  seconds: number;
}

const budgetOf = (o: TrainOptions): number => o.budgetS ?? Infinity;

/** Burn-in lasts `burnIn` sweeps, and with a budget at most burnInFraction of it. */
export function inBurnIn(o: TrainOptions, t: ChainClock): boolean {
  return t.sweeps < o.burnIn && t.seconds < budgetOf(o) * o.burnInFraction;
}

/**
 * Empirical-Bayes refits after a burn-in sweep: (a_d, b_d) from the leaf groups, and alpha from
 * p(Z | alpha) in the second half of burn-in only — fitted on the spread-out trees of a random
 * start it drifts upward and the chain never re-concentrates (nltcs: 0.02 -> 0.4).
 */
export function refitHyperparameters(st: SamplerState, o: TrainOptions, t: ChainClock): void {
  if (!o.empiricalBayes) return;
  const late = o.budgetS !== null ? t.seconds >= (o.budgetS * o.burnInFraction) / 2 : t.sweeps >= o.burnIn / 2;
  if (o.refitAlpha && late) {
    st.hyper.alpha = fitAlpha(st, st.hyper.alpha);
    refreshLeafCache(st); // invalidates every cached region value
  }
  // Under "sample" and "fixed" a mixed table's multivariate blocks still get their priors refitted
  // (refitMvnPrior); its other columns' priors are sampled (sampleHyperparameters) or kept.
  if (o.betaUpdate === "refit") refitBetaFromLeaves(st, o.betaStrengthMax);
  else refitMvnPrior(st);
}

/**
 * Hierarchical Bayes for the leaf priors (betaUpdate "sample"): after every sweep, burn-in or not,
 * each column's prior (Beta, Dirichlet or Normal–Gamma) is drawn from its full conditional, so each
 * member keeps the values of its own sweep, starting from the empirical-Bayes fit.
 */
export function sampleHyperparameters(rng: Rng, st: SamplerState, o: TrainOptions): void {
  if (!o.empiricalBayes || o.betaUpdate !== "sample") return;
  if (st.tab) sampleTabularFromLeaves(rng, st);
  else sampleBetaFromLeaves(rng, st);
}

/** Hybrid: leave top-down once a sweep's acceptance drops below the threshold, or at switchFraction. */
export function shouldSwitch(o: TrainOptions, t: ChainClock, sweepAcceptance: number): boolean {
  const late = o.budgetS !== null ? t.seconds >= o.budgetS * o.switchFraction : t.sweeps >= o.burnIn * o.switchFraction;
  return sweepAcceptance < o.switchAcceptance || late;
}

/** Iteration mode: every `thin` sweeps. Budget mode: S snapshots evenly spaced after burn-in. */
export function keepSnapshot(o: TrainOptions, t: ChainClock, burnInEnd: number, kept: number): boolean {
  if (o.budgetS === null) return Math.round(t.sweeps - o.burnIn) % o.thin === 0 || t.sweeps >= o.burnIn + o.iterations;
  const spacing = (o.budgetS - burnInEnd) / o.members;
  return t.seconds >= burnInEnd + (kept + 1) * spacing;
}

/** Trace points without a better validation LL after which a phase is over, and "better" (nats). */
export const PLATEAU_POINTS = 4;
export const PLATEAU_NATS = 0.01;

/**
 * True when the validation LL of the trace (held-out rows the chain never trains on) has not
 * improved by PLATEAU_NATS on its best for the last PLATEAU_POINTS points since `from`: the
 * signal that ends top-down (hybrid) and burn-in, instead of the in-sample training LL.
 */
export function validPlateau(trace: readonly TracePoint[], from: number): boolean {
  const points = trace.slice(from).map((p) => p.validLogLikelihood);
  if (points.length <= PLATEAU_POINTS || points[0] === null) return false;
  const before = Math.max(...(points.slice(0, -PLATEAU_POINTS) as number[]));
  const recent = Math.max(...(points.slice(-PLATEAU_POINTS) as number[]));
  return recent < before + PLATEAU_NATS;
}
