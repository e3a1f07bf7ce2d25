import type { Rng } from "../numeric/rng.ts";
import type { CompiledSpn } from "./compiled-spn.ts";
import { drawNiwInto, niwWork } from "./niw-draw.ts";

/** One scratch for every NIW draw in the isolate (an mvn leaf has at most 30 variables, artifact schema). */
const work = niwWork(30);

/**
 * One draw (mean, Sigma) of mvn leaf `node` from its NIW posterior (mvn-compile.ts layout of
 * `posterior`: mu_n, packed factor of Psi_n, kappa_n, nu_n; drawNiwInto, Murphy 2007 eq. 250),
 * written into `out` in the member layout (mean, Sigma's factor packed, two zero slots).
 */
export function drawMvnLeaf(
  rng: Rng,
  spn: CompiledSpn,
  node: number,
  posterior: Float64Array,
  out: Float64Array,
): void {
  const p = spn.mvn!.p[spn.mvn!.ordinal[node]!]!;
  const at = spn.leafParamStart[node]!;
  const packed = (p * (p + 1)) / 2;
  const { psiChol, chol, mean } = work;
  for (let i = 0, c = at + p; i < p; i++) for (let j = 0; j <= i; j++, c++) psiChol[i * p + j] = posterior[c]!;
  drawNiwInto(rng, p, posterior, at, posterior[at + p + packed]!, posterior[at + p + packed + 1]!, work);
  for (let i = 0; i < p; i++) out[at + i] = mean[i]!;
  for (let i = 0, c = at + p; i < p; i++) for (let j = 0; j <= i; j++, c++) out[c] = chol[i * p + j]!;
  out[at + p + packed] = 0;
  out[at + p + packed + 1] = 0;
}
