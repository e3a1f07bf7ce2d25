import { createRng } from "../../shared/numeric/rng.ts";
import { cpuMilliseconds } from "./cpu-clock.ts";
import { grayOrder, randomSubsample, type BinaryData } from "./dataset.ts";
import { fitAlpha } from "./hyper-alpha.ts";
import { empiricalBetaPriors } from "./hyper-beta.ts";
import { tabularHyper } from "./hyper-tabular.ts";
import { initRandomTrees } from "./init.ts";
import { mutualInformation } from "./mutual-information.ts";
import { miIndicators } from "./mi-indicators.ts";
import { snapshotMember, type Member } from "./member.ts";
import { buildRegionGraph, type RegionGraph } from "./region-graph.ts";
import { createGibbsScratch, gibbsStep } from "./sampler-gibbs.ts";
import { neighbourStep } from "./sampler-neighbour.ts";
import { createTopDownScratch, topDownStep } from "./sampler-top-down.ts";
import {
  inBurnIn,
  keepSnapshot,
  refitHyperparameters,
  sampleHyperparameters,
  shouldSwitch,
  validPlateau,
} from "./schedule.ts";
import { createState, type Hyper, type SamplerState } from "./state.ts";
import { createScorer, createTracer, type TracePoint } from "./trace.ts";
import type { TrainOptions } from "./train-options.ts";

export interface TrainProgress {
  sweeps: number;
  plannedSweeps: number | null;
  trainSeconds: number;
  sampler: TracePoint["sampler"];
  acceptance: number | null;
  trainLogLikelihood: number | null;
  etaSeconds: number | null;
}

export interface TrainResult {
  graph: RegionGraph;
  hyper: Hyper;
  members: Member[];
  trace: TracePoint[];
  sweeps: number;
  seconds: number;
  /** Accepted / proposed over all top-down steps (null when none ran). */
  acceptance: number | null;
  /** Per-row log-likelihoods of each kept member on each scoring set: [set][member][row]. */
  memberScores: Float64Array[][];
  /** Type-II ML alpha given the final trees (recorded even when alpha was held fixed). */
  alphaEmpiricalBayes: number;
  /** Sweeps at which the hybrid switched to Gibbs, or null. */
  switchedAtSweep: number | null;
  state: SamplerState;
}

const CHUNK = 256; // rows between clock checks

/** Seed of chain c > 0's generator: a fixed odd multiple (the 32-bit golden ratio) apart per chain. */
export const chainSeed = (seed: number, chain: number): number => (seed + Math.imul(chain, 0x9e3779b9)) >>> 0;

/**
 * Runs one chain: random region graph, empirical-Bayes priors, random initial trees, then sweeps of
 * the chosen sampler (Yokoi & Sato 2024 top-down MH, Trapp et al. 2019 bottom-up Gibbs, or top-down
 * first and Gibbs once acceptance drops), keeping the last S posterior-mean snapshots after burn-in.
 */
export function train(
  input: BinaryData,
  valid: BinaryData | null,
  o: TrainOptions,
  onProgress?: (p: TrainProgress) => void,
  scoreSets: readonly BinaryData[] = [],
  chain = 0,
): TrainResult {
  const tSetup = cpuMilliseconds(); // set-up (sorting, priors, initial trees) counts as training time
  let rng = createRng(o.seed);
  const data = grayOrder(input);
  const graph = buildRegionGraph(
    rng,
    data.cols,
    o.structure,
    o.structure.split === "mi" ? mutualInformation(miIndicators(data)) : undefined,
  );
  const beta = data.columns
    ? tabularHyper(rng, data, o.empiricalBayes, o.alpha)
    : o.empiricalBayes
      ? empiricalBetaPriors(rng, data, { sets: 8, conditioning: 6, rows: 4000 })
      : { a: new Float64Array(data.cols).fill(o.beta[0]), b: new Float64Array(data.cols).fill(o.beta[1]) };
  const st = createState(graph, data, { ...beta, alpha: o.alpha }, o.structure.leaf === "mvn");
  // Chain c > 0 (train-chains.ts) shares the graph and priors above and draws its own trees and sweeps.
  if (chain > 0) rng = createRng(chainSeed(o.seed, chain));
  initRandomTrees(rng, st);
  const td = createTopDownScratch(st);
  const gb = createGibbsScratch(st, o.dense);
  const tracer = createTracer(
    st,
    randomSubsample(input, o.traceRows),
    valid ? randomSubsample(valid, o.traceRows) : null,
  );
  const scorers = scoreSets.map((set) => createScorer(st, set));
  const memberScores: Float64Array[][] = scoreSets.map(() => []);
  const budget = o.budgetS ?? Infinity;
  const planned = o.burnIn + o.iterations;
  let kind: TracePoint["sampler"] = o.sampler === "bottomup" ? "bottomup" : "topdown";
  let switchedAtSweep: number | null = null;
  let seconds = (cpuMilliseconds() - tSetup) / 1000;
  let sweeps = 0;
  let accepted = 0;
  let proposed = 0;
  let burnInEnd: number | null = null; // trainSeconds at which burn-in ended
  let lastTrace = -Infinity;
  let phaseStart = 0; // first trace point of the current sampler phase
  const trace: TracePoint[] = [];
  const snapshots: Member[] = [];
  const keep = (): void => {
    snapshots.push(snapshotMember(st));
    scorers.forEach((score, i) => memberScores[i]!.push(score()));
    if (snapshots.length > o.members) {
      snapshots.shift();
      memberScores.forEach((m) => m.shift());
    }
  };
  const addTrace = (): void => {
    trace.push(tracer(seconds, sweeps, kind));
    lastTrace = seconds;
  };
  // About 30-100 trace points: by training time with a budget, by sweeps without one.
  const traceEvery = Number.isFinite(budget) ? Math.max(0.5, budget / 30) : 0;
  const traceStride = Math.max(1, Math.floor(planned / 100));
  addTrace();
  let outOfTime = false;
  while (sweeps < planned && !outOfTime) {
    let sweepAccepted = 0;
    let sweepProposed = 0;
    for (let start = 0; start < data.rows; start += CHUNK) {
      const t0 = cpuMilliseconds();
      const end = Math.min(data.rows, start + CHUNK);
      for (let n = start; n < end; n++) {
        if (kind === "topdown") {
          sweepAccepted +=
            o.neighbourMix > 0
              ? neighbourStep(rng, st, n, td, o.proposals, 1 - o.neighbourMix, o.neighbourWindow)
              : topDownStep(rng, st, n, td, o.proposals);
        } else gibbsStep(rng, st, n, gb);
      }
      if (kind === "topdown") sweepProposed += (end - start) * o.proposals;
      seconds += (cpuMilliseconds() - t0) / 1000;
      sweeps += (end - start) / data.rows;
      if (seconds >= budget) {
        outOfTime = true;
        break;
      }
      if (traceEvery > 0 && seconds - lastTrace >= traceEvery) addTrace();
      onProgress?.({
        sweeps,
        plannedSweeps: Number.isFinite(budget) ? null : planned,
        trainSeconds: seconds,
        sampler: kind,
        acceptance: sweepProposed > 0 ? sweepAccepted / sweepProposed : null,
        trainLogLikelihood: trace[trace.length - 1]!.trainLogLikelihood,
        etaSeconds: Number.isFinite(budget) ? budget - seconds : ((planned - sweeps) * seconds) / sweeps,
      });
    }
    accepted += sweepAccepted;
    proposed += sweepProposed;
    sweeps = Math.round(sweeps * 1e9) / 1e9;
    if (outOfTime) break;
    const clock = { sweeps, seconds };
    // With validation rows (budget mode), a phase also ends when their LL stops improving.
    const plateau = o.validSchedule && valid !== null && validPlateau(trace, phaseStart);
    // Burn-in ends early only after alpha has had its refits (the second half of the burn-in cap).
    const settled = plateau && kind === "bottomup" && seconds >= (budget * o.burnInFraction) / 2;
    const burning = burnInEnd === null && inBurnIn(o, clock) && !settled;
    const tFit = cpuMilliseconds(); // hyperparameter fits are training time too
    if (burning) refitHyperparameters(st, o, clock);
    sampleHyperparameters(rng, st, o);
    seconds += (cpuMilliseconds() - tFit) / 1000;
    if (!burning && burnInEnd === null) burnInEnd = seconds;
    if (
      o.sampler === "hybrid" &&
      kind === "topdown" &&
      (plateau || shouldSwitch(o, clock, sweepProposed > 0 ? sweepAccepted / sweepProposed : 0))
    ) {
      kind = "bottomup";
      switchedAtSweep = sweeps;
      phaseStart = trace.length - 1;
    }
    if (traceEvery === 0 && Math.round(sweeps) % traceStride === 0) addTrace();
    if (burnInEnd !== null && keepSnapshot(o, { sweeps, seconds }, burnInEnd, snapshots.length)) keep();
  }
  if (trace[trace.length - 1]!.seconds !== seconds) addTrace();
  if (snapshots.length === 0 || outOfTime) keep();
  return {
    graph,
    hyper: st.hyper,
    members: snapshots,
    memberScores,
    trace,
    sweeps,
    seconds,
    acceptance: proposed > 0 ? accepted / proposed : null,
    switchedAtSweep,
    state: st,
    alphaEmpiricalBayes: fitAlpha(st, st.hyper.alpha),
  };
}
