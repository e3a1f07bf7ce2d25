import type { CompiledSpn } from "./compiled-spn.ts";
import { marginals, type VariableMarginal } from "./marginals.ts";
import { spread, type Uncertainty } from "./spread.ts";

export type EnsembleMarginal =
  | {
      variable: number;
      kind: "discrete";
      observed: boolean;
      /** Posterior mean over members of p_s(X = state | e). */
      probabilities: Float64Array;
      /** Per state: spread of the member probabilities. */
      uncertainty: Uncertainty[] | null;
    }
  | {
      variable: number;
      kind: "gaussian";
      observed: boolean;
      /** Mean and variance of the averaged posterior (1/S) sum_s p_s(X | e): the mean of the member
       * means, and (law of total variance) the mean member variance plus the variance of the means. */
      mean: number;
      variance: number;
      /** Spread of the member means and of the member variances. */
      uncertainty: { mean: Uncertainty; variance: Uncertainty } | null;
    };

/** Single-variable posteriors per member (one upward and one downward pass each), then averaged. */
export function ensembleMarginals(
  spn: CompiledSpn,
  evidence: Float64Array,
  variables?: readonly number[],
  evidencePointer = "/evidence",
): EnsembleMarginal[] {
  const S = spn.members.length;
  const perMember = spn.members.map((_, s) => marginals(spn, s, evidence, variables, evidencePointer));
  return perMember[0]!.map((first, i): EnsembleMarginal => {
    const all = perMember.map((m) => m[i]!);
    if (first.kind === "discrete") {
      const probs = all.map((m) => (m as Extract<VariableMarginal, { kind: "discrete" }>).probabilities);
      const k = first.probabilities.length;
      const probabilities = new Float64Array(k);
      for (const p of probs) for (let x = 0; x < k; x++) probabilities[x] += p[x]! / S;
      const uncertainty = S > 1 ? Array.from({ length: k }, (_, x) => spread(probs.map((p) => p[x]!))) : null;
      return { variable: first.variable, kind: "discrete", observed: first.observed, probabilities, uncertainty };
    }
    const gauss = all as Extract<VariableMarginal, { kind: "gaussian" }>[];
    const means = gauss.map((m) => m.mean);
    const variances = gauss.map((m) => m.variance);
    const mean = means.reduce((a, b) => a + b, 0) / S;
    const variance = gauss.reduce((a, m) => a + m.variance + (m.mean - mean) ** 2, 0) / S;
    return {
      variable: first.variable,
      kind: "gaussian",
      observed: first.observed,
      mean,
      variance,
      uncertainty: S > 1 ? { mean: spread(means), variance: spread(variances) } : null,
    };
  });
}
