import { grayOrder, type BinaryData } from "./dataset.ts";
import type { SamplerState } from "./state.ts";
import { createGibbsScratch, upwardPass } from "./upward-pass.ts";

/** One point of the learning curve: log-likelihood of the current posterior-mean SPN. */
export interface TracePoint {
  seconds: number;
  sweeps: number;
  sampler: "topdown" | "bottomup";
  trainLogLikelihood: number;
  validLogLikelihood: number | null;
}

/**
 * Scores the current state's posterior-mean SPN, weights (n_{s,c} + alpha) / (n_s + C alpha) and
 * leaf means, on a fixed data set: the sparse, cached upward pass of the Gibbs sampler, without
 * materialising dense weights, so tracing and member scoring stay cheap on large graphs.
 */
export function createScorer(st: SamplerState, data: BinaryData): () => Float64Array {
  const rows = grayOrder(data);
  const sc = createGibbsScratch(st);
  return () => {
    const out = new Float64Array(rows.rows);
    for (let n = 0; n < rows.rows; n++) out[n] = upwardPass(st, rows.x, n * rows.cols, sc, rows.values);
    return out;
  };
}

const mean = (v: Float64Array): number => v.reduce((acc, x) => acc + x, 0) / v.length;

/** Trace points on fixed train and valid subsamples (the caller keeps this time off the clock). */
export function createTracer(st: SamplerState, train: BinaryData, valid: BinaryData | null) {
  const scoreTrain = createScorer(st, train);
  const scoreValid = valid ? createScorer(st, valid) : null;
  return (seconds: number, sweeps: number, sampler: TracePoint["sampler"]): TracePoint => ({
    seconds,
    sweeps,
    sampler,
    trainLogLikelihood: mean(scoreTrain()),
    validLogLikelihood: scoreValid ? mean(scoreValid()) : null,
  });
}

/** First training time at which the trace reaches `target` (nats), or null. */
export function secondsToReach(trace: readonly TracePoint[], target: number): number | null {
  for (const p of trace) if (p.trainLogLikelihood >= target) return p.seconds;
  return null;
}
