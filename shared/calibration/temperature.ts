import { softmaxInto } from "./softmax.ts";

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks", §4.2):
 * one scalar beta = 1/T fitted on held-out labelled logits by minimising
 *   NLL(beta) = mean_i [ logsumexp(beta z_i) − beta z_{i,y_i} ],
 * which is convex in beta: NLL'(beta) = mean_i (E_p[z_i] − z_{i,y_i}) and
 * NLL''(beta) = mean_i Var_p(z_i) >= 0 (p = softmax(beta z_i)). Newton steps converge in a few
 * iterations; a bracket [lo, hi] on the sign of the gradient keeps every step safe (a step
 * that leaves the bracket, or a flat second derivative, falls back to bisection).
 */
export const BETA_MIN = 1e-3; // T <= 1000: a classifier no better than chance gets nearly uniform output
export const BETA_MAX = 1e3; // T >= 0.001: separable data would otherwise drive beta to infinity

export interface TemperatureFit {
  temperature: number;
  beta: number;
  iterations: number;
  nllBefore: number;
  nllAfter: number;
}

interface Derivatives {
  nll: number;
  gradient: number;
  curvature: number;
}

/** NLL(beta) and its first two derivatives over N × C logits (row-major) and labels. */
export function nllDerivatives(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  beta: number,
): Derivatives {
  const n = labels.length;
  const p = new Float64Array(classes);
  let nll = 0;
  let gradient = 0;
  let curvature = 0;
  for (let i = 0; i < n; i++) {
    const row = i * classes;
    softmaxInto(logits, row, classes, beta, p, 0);
    let mean = 0;
    let square = 0;
    for (let c = 0; c < classes; c++) {
      mean += p[c]! * logits[row + c]!;
      square += p[c]! * logits[row + c]! ** 2;
    }
    const y = labels[i]!;
    nll -= Math.log(Math.max(p[y]!, Number.MIN_VALUE));
    gradient += mean - logits[row + y]!;
    curvature += Math.max(0, square - mean * mean);
  }
  return { nll: nll / n, gradient: gradient / n, curvature: curvature / n };
}

/** Fits T = 1/beta by safeguarded Newton on the convex NLL(beta); see the module comment. */
export function fitTemperature(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  maxIterations = 100,
): TemperatureFit {
  if (labels.length === 0) throw new RangeError("temperature scaling needs at least one labelled example");
  if (logits.length !== labels.length * classes)
    throw new RangeError(`${logits.length} logits for ${labels.length} labels × ${classes} classes`);
  const nllBefore = nllDerivatives(logits, labels, classes, 1).nll;
  let lo = BETA_MIN;
  let hi = BETA_MAX;
  let beta = 1;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const d = nllDerivatives(logits, labels, classes, beta);
    if (Math.abs(d.gradient) < 1e-12 || hi - lo < 1e-12 * beta) break;
    if (d.gradient > 0) hi = beta;
    else lo = beta;
    const newton = d.curvature > 0 ? beta - d.gradient / d.curvature : NaN;
    beta = newton > lo && newton < hi ? newton : (lo + hi) / 2;
  }
  beta = Math.min(BETA_MAX, Math.max(BETA_MIN, beta));
  return {
    temperature: 1 / beta,
    beta,
    iterations,
    nllBefore,
    nllAfter: nllDerivatives(logits, labels, classes, beta).nll,
  };
}
