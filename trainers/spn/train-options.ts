import type { StructureOptions } from "./region-graph.ts";

export type SamplerKind = "topdown" | "bottomup" | "hybrid";

export interface TrainOptions {
  structure: StructureOptions;
  sampler: SamplerKind;
  seed: number;
  /** Sweeps before members are kept; with a budget, burn-in also ends at burnInFraction of it. */
  burnIn: number;
  /** Sweeps after burn-in (an upper bound when a budget is set). */
  iterations: number;
  /** Keep a member every `thin` sweeps after burn-in (iteration mode). */
  thin: number;
  /** Members S kept (the last S snapshots; with several chains, split between them). */
  members: number;
  /** Independent chains over the same region graph and priors, members pooled (train-chains.ts). */
  chains: number;
  /** Wall-clock training budget in seconds; evaluation time is not counted. */
  budgetS: number | null;
  burnInFraction: number;
  /** Initial / fixed Dirichlet concentration. */
  alpha: number;
  /** Fit Beta priors from column groups and alpha from p(Z | alpha) during burn-in. */
  empiricalBayes: boolean;
  /**
   * With empiricalBayes: refit (a_d, b_d) from the leaf groups, and (opt-in, `--alpha eb`) alpha
   * from p(Z | alpha), after each burn-in sweep (alpha: second half of burn-in only: refitted from
   * the start it drifted upward on nltcs, 0.02 -> 0.4, test LL -6.03 -> -6.40). The CLI turns
   * both on with --empirical-bayes on unless --alpha fixes a number.
   */
  refitAlpha: boolean;
  /**
   * With empiricalBayes, what happens to the leaf priors (a_d, b_d) after the column-group fit:
   * "refit" = Monte-Carlo EM refit from the leaf groups after each burn-in sweep (the rule the
   * models shipped before 2026-12-02 used; its intervals covered 0.67 of 90 %), "sample" = a
   * Metropolis step on their full conditional after every sweep (hyper-beta-sample.ts), "fixed" =
   * the column-group fit kept. Mixed tables: "sample" keeps the column-group fit, as "fixed" (schedule.ts).
   */
  betaUpdate: "refit" | "sample" | "fixed";
  /** "refit" only: cap on a_d + b_d (mean kept). */
  betaStrengthMax: number;
  /** Fixed Beta prior used when empirical Bayes is off (Trapp et al. 2019: 1/2, 1/2). */
  beta: [number, number];
  /** Network proposals per datum and top-down step. */
  proposals: number;
  /**
   * Share of top-down proposals that copy a neighbouring row's tree instead of drawing from the
   * network (sampler-neighbour.ts); 0 = the plain network proposal of Yokoi & Sato.
   */
  neighbourMix: number;
  /** Rows on each side, in Gray order, whose trees may be copied. */
  neighbourWindow: number;
  /** Hybrid: switch to Gibbs when a sweep's acceptance drops below this ... */
  switchAcceptance: number;
  /** ... or after this fraction of the budget (of the burn-in sweeps without a budget). */
  switchFraction: number;
  /**
   * Budget mode with validation rows: end top-down (hybrid) and burn-in early when the validation
   * LL of the trace has plateaued (schedule.ts validPlateau), not only by acceptance and time.
   */
  validSchedule: boolean;
  /** Bottom-up over every edge instead of only used ones (benchmark baseline). */
  dense: boolean;
  /** Rows of train / valid used for the trace log-likelihood. */
  traceRows: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  structure: { sumComponents: 5, leafComponents: 5, partitions: 8, depth: 2 },
  sampler: "hybrid",
  seed: 1,
  burnIn: 20,
  iterations: 20,
  thin: 2,
  members: 10,
  chains: 1,
  budgetS: null,
  burnInFraction: 0.5,
  alpha: 0.02,
  empiricalBayes: true,
  refitAlpha: false,
  betaUpdate: "sample",
  betaStrengthMax: Infinity,
  beta: [0.5, 0.5],
  proposals: 5,
  neighbourMix: 0,
  neighbourWindow: 2,
  switchAcceptance: 0.05,
  switchFraction: 0.25,
  validSchedule: false,
  dense: false,
  traceRows: 1000,
};
