import { InvalidArtifactError } from "../errors.ts";
import type { SpnArtifact, SpnMember, SpnStoredArtifact, SpnStoredMember } from "./artifact-schema.ts";

/** Stored parameters keep 7 significant digits (the trainer's writer rounds with this too). */
export const roundParameter = (x: number): number => Number(x.toPrecision(7));

/**
 * Fills in the `weights` and `leafParams` a member left out because its `posterior` determines
 * them: every sum weight is the Dirichlet posterior mean (n_c + alpha) / (n + K alpha) and every
 * Bernoulli leaf the Beta posterior mean (a + m1) / (a + b + m0 + m1). The trainer writes binary
 * models this way, which keeps spn.json (and the isolate's parse of it) about half as large. The
 * arithmetic and the 7-digit rounding (the residue of each sum node going to its largest weight)
 * are the trainer's, so a derived member equals the one the trainer would have written, bit for
 * bit (tests/unit/spn/posterior-means.test.ts checks the shipped models).
 */
export function withPosteriorMeans(artifact: SpnStoredArtifact, model: string): SpnArtifact {
  const members = artifact.members.map((m, s) => {
    if (m.weights && m.leafParams) return m as SpnMember;
    const fail = (detail: string): never => {
      throw new InvalidArtifactError(model, `member ${s}: ${detail}`);
    };
    if (m.weights || m.leafParams) fail("weights and leafParams must be given together or both left out");
    if (!m.posterior) fail("no weights or leafParams, and no posterior to derive them from");
    if (artifact.variables.some((v) => v.type !== "bernoulli"))
      fail("weights and leafParams may be left out only when every variable is bernoulli");
    return { ...m, ...posteriorMeans(artifact, m) };
  });
  return { ...artifact, members };
}

function posteriorMeans(
  { nodes }: SpnStoredArtifact,
  { posterior }: SpnStoredMember,
): { weights: number[]; leafParams: number[] } {
  const { sumAlpha, sumCounts, leafPriors, leafStats } = posterior!;
  const weights: number[] = [];
  const leafParams: number[] = [];
  for (const node of nodes) {
    if (node.kind === "sum") {
      const from = weights.length;
      const k = node.children.length;
      let total = 0;
      for (let c = 0; c < k; c++) total += sumCounts[from + c] ?? Number.NaN;
      const denominator = total + k * sumAlpha;
      const block = Array.from({ length: k }, (_, c) => (sumCounts[from + c]! + sumAlpha) / denominator);
      pushRoundedWeights(block, 0, k, weights);
    } else if (node.kind === "leaf") {
      const l = leafParams.length;
      const [a, b] = leafPriors[node.variable] ?? [Number.NaN, Number.NaN];
      const m0 = leafStats[2 * l] ?? Number.NaN;
      const ones = leafStats[2 * l + 1] ?? Number.NaN;
      leafParams.push(roundParameter((a! + ones) / (a! + b! + (m0 + ones))));
    }
  }
  // Short or malformed statistics leave NaNs behind, which validation then names by node.
  return { weights, leafParams };
}

/**
 * Appends one sum node's weights w[from..to) rounded to 7 significant digits, the rounding residue
 * given to its (first) largest weight, so that the block still sums to 1 within 1e-12.
 */
export function pushRoundedWeights(w: ArrayLike<number>, from: number, to: number, out: number[]): void {
  let largest = from;
  for (let i = from; i < to; i++) if (w[i]! > w[largest]!) largest = i;
  let rest = 0;
  const at = out.length;
  for (let i = from; i < to; i++) {
    const v = i === largest ? 0 : roundParameter(w[i]!);
    out.push(v);
    rest += v;
  }
  out[at + largest - from] = 1 - rest;
}
