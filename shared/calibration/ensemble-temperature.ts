import { softmaxInto } from "./softmax.ts";
import { BETA_MAX, BETA_MIN, type TemperatureFit } from "./temperature.ts";

/**
 * Temperature scaling of an ensemble as it is served: every member's logits are divided by the
 * same T and the members' probabilities are averaged, so T is fitted on the NLL of that average,
 *   NLL(beta) = −mean_i log( mean_m softmax(beta z_im)_{y_i} ),
 * not on one mean head's logits (which ignores the spread the members add and mis-calibrates the
 * average). A mixture's NLL need not be convex in beta, so instead of Newton this scans log beta
 * on a grid and refines the best cell by golden-section search. With one member and no prior it
 * finds the minimum fitTemperature finds.
 *
 * Diverse members make that NLL nearly flat towards T -> 0 on a nearly separable validation split
 * (the members become hard votes, and a vote fraction is never 0 there), so the maximum-likelihood
 * T can run to the bound. A log-normal prior log T ~ N(0, s²) (MAP; default s = 1, i.e. T within
 * e^±2 a priori) keeps T where the data say something: its penalty (log T)² / (2 s² N) is
 * negligible against a real calibration gain and decisive against a flat one.
 */
const GRID = 64;
const REFINE = 60;

/** NLL of the member average at beta; memberLogits is N × M × C, row-major. */
export function ensembleNll(
  memberLogits: ArrayLike<number>,
  labels: ArrayLike<number>,
  members: number,
  classes: number,
  beta: number,
): number {
  const p = new Float64Array(classes);
  const perRow = members * classes;
  let nll = 0;
  for (let i = 0; i < labels.length; i++) {
    let py = 0;
    for (let m = 0; m < members; m++) {
      softmaxInto(memberLogits, i * perRow + m * classes, classes, beta, p, 0);
      py += p[labels[i]!]!;
    }
    nll -= Math.log(Math.max(py / members, Number.MIN_VALUE));
  }
  return nll / labels.length;
}

export function fitEnsembleTemperature(
  memberLogits: ArrayLike<number>,
  labels: ArrayLike<number>,
  members: number,
  classes: number,
  logTemperaturePriorStd = 1,
): TemperatureFit {
  if (labels.length === 0) throw new RangeError("temperature scaling needs at least one labelled example");
  if (memberLogits.length !== labels.length * members * classes)
    throw new RangeError(
      `${memberLogits.length} logits for ${labels.length} labels × ${members} members × ${classes} classes`,
    );
  const penalty = (logBeta: number) => (logBeta / logTemperaturePriorStd) ** 2 / (2 * labels.length);
  const nll = (logBeta: number) => ensembleNll(memberLogits, labels, members, classes, Math.exp(logBeta));
  const objective = (logBeta: number) => nll(logBeta) + penalty(logBeta);
  const lo = Math.log(BETA_MIN);
  const step = (Math.log(BETA_MAX) - lo) / GRID;
  let best = 0;
  let bestNll = Infinity;
  for (let k = 0; k <= GRID; k++) {
    const v = objective(lo + k * step);
    if (v < bestNll) [best, bestNll] = [k, v];
  }
  // Golden-section search on the two grid cells around the best grid point.
  const invPhi = (Math.sqrt(5) - 1) / 2;
  let a = lo + Math.max(0, best - 1) * step;
  let b = lo + Math.min(GRID, best + 1) * step;
  let c = b - invPhi * (b - a);
  let d = a + invPhi * (b - a);
  let fc = objective(c);
  let fd = objective(d);
  for (let i = 0; i < REFINE; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - invPhi * (b - a);
      fc = objective(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + invPhi * (b - a);
      fd = objective(d);
    }
  }
  const beta = Math.exp((a + b) / 2);
  return {
    temperature: 1 / beta,
    beta,
    iterations: GRID + 1 + REFINE,
    nllBefore: nll(0),
    nllAfter: nll(Math.log(beta)),
  };
}
