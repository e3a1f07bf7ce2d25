import type { Rng } from "../numeric/rng.ts";
import { checkCap, MAX_SAMPLES } from "./caps.ts";
import type { CompiledSpn } from "./compiled-spn.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import { emptyRow } from "./evidence.ts";
import { upwardValues } from "./log-prob.ts";
import { drawInto } from "./sample.ts";

/**
 * n draws from the posterior-predictive mixture given the evidence, p(x | e) = Σ_s w_s p_s(x | e)
 * with w_s ∝ p_s(e): per draw a member chosen with probability w_s, then a draw from that member's
 * p_s(x | e) (sample.ts). Its probabilities are exactly the ensemble's conditionals and marginals.
 * Only evidence of mixture probability zero is an error. Row-major like sample().
 */
export function ensembleSample(
  rng: Rng,
  spn: CompiledSpn,
  n: number,
  evidence: Float64Array = emptyRow(spn),
  pointers: { n: string; evidence: string } = { n: "/n", evidence: "/evidence" },
): Float64Array {
  checkCap(pointers.n, "MAX_SAMPLES (samples per request)", MAX_SAMPLES, n);
  const S = spn.members.length;
  const memberValues = spn.members.map((_, s) => upwardValues(spn, s, evidence).slice());
  const logPe = memberValues.map((values) => values[spn.root]!);
  const max = Math.max(...logPe);
  if (max === -Infinity) throw new ZeroProbabilityEvidenceError(pointers.evidence);
  const cumulative = new Float64Array(S);
  let total = 0;
  logPe.forEach((l, s) => (cumulative[s] = total += Math.exp(l - max)));
  const V = spn.variables.length;
  const out = new Float64Array(n * V);
  const stack = new Int32Array(spn.nodeCount);
  for (let i = 0; i < n; i++) {
    const s = S === 1 ? 0 : pickMember(rng.nextFloat() * total, cumulative);
    drawInto(rng, spn, s, memberValues[s]!, evidence, out, i * V, stack);
  }
  return out;
}

/** First member whose cumulative weight exceeds u (members of weight 0 are never chosen). */
function pickMember(u: number, cumulative: Float64Array): number {
  let s = 0;
  while (s < cumulative.length - 1 && cumulative[s]! <= u) s++;
  while (s > 0 && cumulative[s] === cumulative[s - 1]) s--; // never land on a zero-weight member
  return s;
}
