import { ensembleNll } from "../../shared/calibration/ensemble-temperature.ts";
import type { Head } from "../../shared/classify/artifact-schema.ts";
import { memberLogits } from "../../shared/classify/head.ts";
import type { Rng } from "../../shared/numeric/rng.ts";
import { cholesky, ggnPrecision, sampleLaplaceHead, type LinearHead } from "../classifier-demo/laplace.ts";

/**
 * A last-layer Laplace posterior for an imported graph that exposes the pooled features f its
 * logits layer reads (z = W f + b). The graph does not hand over W and b, so they are recovered
 * by least squares from (f, z) pairs of the calibration set — exact when z is linear in f, and
 * refused when it is not (the output is then not that layer's input). Then the GGN precision of
 * the softmax likelihood (trainers/classifier-demo/laplace.ts; Daxberger et al. 2021) with a
 * prior precision λ chosen by 2-fold cross-validated NLL of the member average (even/odd rows),
 * and M antithetic members drawn from N(θ*, H⁻¹).
 */
export const PRIOR_PRECISIONS = [0.01, 0.1, 1, 10, 100, 1000];

export interface LaplaceFit {
  head: Head;
  priorPrecision: number;
  /** Largest |W f + b − z| over the calibration set. */
  residual: number;
  /** Cross-validated NLL of the member average (T = 1) for each λ. */
  cvNll: Record<string, number>;
}

/** Solves (A + εI) x = b for symmetric positive semi-definite A, several right-hand sides. */
function solveSpd(a: Float64Array, b: Float64Array, P: number, rhs: number): Float64Array {
  const ridged = Float64Array.from(a);
  let trace = 0;
  for (let i = 0; i < P; i++) trace += a[i * P + i]!;
  for (let i = 0; i < P; i++) ridged[i * P + i]! += 1e-10 * (trace / P) + 1e-12; // numerical floor only
  const l = cholesky(ridged, P);
  const x = new Float64Array(P * rhs);
  for (let r = 0; r < rhs; r++) {
    const y = new Float64Array(P);
    for (let i = 0; i < P; i++) {
      let s = b[i * rhs + r]!;
      for (let k = 0; k < i; k++) s -= l[i * P + k]! * y[k]!;
      y[i] = s / l[i * P + i]!;
    }
    for (let i = P - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < P; k++) s -= l[k * P + i]! * x[k * rhs + r]!;
      x[i * rhs + r] = s / l[i * P + i]!;
    }
  }
  return x;
}

/** W, b with z ≈ W f + b by least squares (normal equations over φ = [f; 1]), and the max residual. */
export function recoverLinearHead(
  features: Float64Array,
  logits: Float64Array,
  n: number,
  F: number,
  C: number,
): { head: LinearHead; residual: number } {
  if (n <= F + 1)
    throw new Error(`recovering the ${C} × ${F} logits layer needs more than ${F + 1} calibration examples, got ${n}`);
  const P = F + 1;
  const a = new Float64Array(P * P);
  const b = new Float64Array(P * C);
  const phi = new Float64Array(P);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) phi[f] = features[i * F + f]!;
    phi[F] = 1;
    for (let p = 0; p < P; p++) {
      for (let q = 0; q < P; q++) a[p * P + q]! += phi[p]! * phi[q]!;
      for (let c = 0; c < C; c++) b[p * C + c]! += phi[p]! * logits[i * C + c]!;
    }
  }
  const x = solveSpd(a, b, P, C);
  const w = new Float64Array(C * F);
  const bias = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    for (let f = 0; f < F; f++) w[c * F + f] = x[f * C + c]!;
    bias[c] = x[F * C + c]!;
  }
  let residual = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < C; c++) {
      let z = bias[c]!;
      for (let f = 0; f < F; f++) z += w[c * F + f]! * features[i * F + f]!;
      residual = Math.max(residual, Math.abs(z - logits[i * C + c]!));
    }
  }
  return { head: { classes: C, features: F, w, b: bias }, residual };
}

function rows(x: Float64Array, width: number, pick: (i: number) => boolean): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < x.length / width; i++) if (pick(i)) for (let j = 0; j < width; j++) out.push(x[i * width + j]!);
  return Float64Array.from(out);
}

function withPrior(h0: Float64Array, P: number, lambda: number): Float64Array {
  const h = Float64Array.from(h0);
  for (let k = 0; k < P; k++) h[k * P + k]! += lambda;
  return h;
}

export function fitLaplaceHead(
  rng: Rng,
  features: Float64Array,
  logits: Float64Array,
  labels: Int32Array,
  F: number,
  C: number,
  members: number,
): LaplaceFit {
  const n = labels.length;
  const { head, residual } = recoverLinearHead(features, logits, n, F, C);
  const scale = Math.max(1, ...Array.from(logits, Math.abs));
  if (residual > 1e-3 * scale)
    throw new Error(
      `the features output does not map linearly onto the logits (max residual ${residual.toPrecision(3)}): name the input of the final linear layer with --features`,
    );
  const P = C * (F + 1);
  const cvNll: Record<string, number> = {};
  for (const lambda of PRIOR_PRECISIONS) cvNll[String(lambda)] = 0;
  for (const fold of [0, 1]) {
    const train = (i: number) => i % 2 !== fold;
    const held = (i: number) => i % 2 === fold;
    const trainLabels = Int32Array.from(Array.from(labels).filter((_, i) => train(i)));
    const heldLabels = Int32Array.from(Array.from(labels).filter((_, i) => held(i)));
    const h0 = ggnPrecision(head, rows(features, F, train), trainLabels.length, 0);
    const heldFeatures = rows(features, F, held);
    for (const lambda of PRIOR_PRECISIONS) {
      const sampled = sampleLaplaceHead(rng, head, withPrior(h0, P, lambda), members);
      const compiled = {
        members,
        classes: C,
        features: F,
        weights: Float64Array.from(sampled.weights),
        bias: Float64Array.from(sampled.bias),
      };
      cvNll[String(lambda)]! += ensembleNll(memberLogits(compiled, heldFeatures), heldLabels, members, C, 1) / 2;
    }
  }
  const priorPrecision = PRIOR_PRECISIONS.reduce((best, l) => (cvNll[String(l)]! < cvNll[String(best)]! ? l : best));
  const precision = ggnPrecision(head, features, n, priorPrecision);
  return { head: sampleLaplaceHead(rng, head, precision, members), priorPrecision, residual, cvNll };
}
