import type { BinaryData } from "./dataset.ts";
import { meanLogLikelihood } from "./evaluate.ts";
import { snapshotMember } from "./member.ts";
import type { SamplerState } from "./state.ts";

/** One point of the learning curve: log-likelihood of the current posterior-mean SPN. */
export interface TracePoint {
  seconds: number;
  sweeps: number;
  sampler: "topdown" | "bottomup";
  trainLogLikelihood: number;
  validLogLikelihood: number | null;
}

/** Evaluates the current state on fixed subsamples (the caller keeps this time off the clock). */
export function tracePoint(
  st: SamplerState,
  seconds: number,
  sweeps: number,
  sampler: TracePoint["sampler"],
  train: BinaryData,
  valid: BinaryData | null,
): TracePoint {
  const member = snapshotMember(st);
  return {
    seconds,
    sweeps,
    sampler,
    trainLogLikelihood: meanLogLikelihood(st.graph, member, train),
    validLogLikelihood: valid ? meanLogLikelihood(st.graph, member, valid) : null,
  };
}

/** First training time at which the trace reaches `target` (nats), or null. */
export function secondsToReach(trace: readonly TracePoint[], target: number): number | null {
  for (const p of trace) if (p.trainLogLikelihood >= target) return p.seconds;
  return null;
}
