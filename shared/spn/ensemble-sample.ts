import { type Rng, uniformInt } from "../numeric/rng.ts";
import { checkCap, MAX_SAMPLES } from "./caps.ts";
import type { CompiledSpn } from "./compiled-spn.ts";
import { ZeroProbabilityEvidenceError } from "./errors.ts";
import { emptyRow } from "./evidence.ts";
import { upwardValues } from "./log-prob.ts";
import { drawInto } from "./sample.ts";

/**
 * n draws from the ensemble: per draw a member chosen uniformly, then a draw from that member's
 * p_s(x | e) (sample.ts). Without evidence this samples the uniform mixture of the members. With
 * evidence it samples (1/S) sum_s p_s(x | e), the distribution whose probabilities are the
 * ensemble conditionals and marginals (means of member conditionals), so samples and answers
 * agree; every member must give the evidence positive probability. Row-major like sample().
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
  const memberValues = spn.members.map((_, s) => {
    const values = upwardValues(spn, s, evidence);
    if (values[spn.root] === -Infinity) {
      throw new ZeroProbabilityEvidenceError(pointers.evidence, `the evidence has probability zero under member ${s}`);
    }
    return values.slice();
  });
  const V = spn.variables.length;
  const out = new Float64Array(n * V);
  const stack = new Int32Array(spn.nodeCount);
  for (let i = 0; i < n; i++) {
    const s = S === 1 ? 0 : uniformInt(rng, S);
    drawInto(rng, spn, s, memberValues[s]!, evidence, out, i * V, stack);
  }
  return out;
}
