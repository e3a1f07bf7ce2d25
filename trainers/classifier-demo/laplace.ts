import { softmaxInto } from "../../shared/calibration/softmax.ts";
import type { Head } from "../../shared/classify/artifact-schema.ts";
import { standardNormal, type Rng } from "../../shared/numeric/rng.ts";

/**
 * Last-layer Laplace approximation (MacKay 1992; Daxberger et al. 2021, "Laplace Redux"):
 * around the trained head θ* = (W, b), the posterior over the head is N(θ*, H⁻¹) with the
 * generalised Gauss–Newton precision
 *   H = Σ_n (diag(p_n) − p_n p_nᵀ) ⊗ φ_n φ_nᵀ + λ I,   φ_n = [features_n; 1],
 * exact for the softmax likelihood of a linear head. Members are drawn in antithetic pairs
 * θ* ± L⁻ᵀ z (H = L Lᵀ, z ~ N(0, I)), so their parameter mean is exactly θ*.
 */
export interface LinearHead {
  classes: number;
  features: number;
  /** C × F row-major. */
  w: Float64Array;
  b: Float64Array;
}

/** Parameter index of class c, feature f (f = F is the bias). */
const at = (c: number, f: number, width: number) => c * (width + 1) + f;

export function ggnPrecision(
  head: LinearHead,
  features: Float64Array,
  n: number,
  priorPrecision: number,
): Float64Array {
  const { classes: C, features: F } = head;
  const P = C * (F + 1);
  const h = new Float64Array(P * P);
  const logits = new Float64Array(C);
  const p = new Float64Array(C);
  const phi = new Float64Array(F + 1);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) phi[f] = features[i * F + f]!;
    phi[F] = 1;
    for (let c = 0; c < C; c++) {
      let z = head.b[c]!;
      for (let f = 0; f < F; f++) z += head.w[c * F + f]! * phi[f]!;
      logits[c] = z;
    }
    softmaxInto(logits, 0, C, 1, p, 0);
    for (let c = 0; c < C; c++) {
      for (let d = 0; d < C; d++) {
        const s = (c === d ? p[c]! : 0) - p[c]! * p[d]!;
        for (let f = 0; f <= F; f++) {
          const row = at(c, f, F) * P;
          const sf = s * phi[f]!;
          for (let g = 0; g <= F; g++) h[row + at(d, g, F)]! += sf * phi[g]!;
        }
      }
    }
  }
  for (let k = 0; k < P; k++) h[k * P + k]! += priorPrecision;
  return h;
}

/** Lower-triangular L with A = L Lᵀ for a symmetric positive-definite P × P matrix. */
export function cholesky(a: Float64Array, P: number): Float64Array {
  const l = new Float64Array(P * P);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * P + j]!;
      for (let k = 0; k < j; k++) s -= l[i * P + k]! * l[j * P + k]!;
      if (i === j) {
        if (s <= 0) throw new RangeError(`matrix is not positive definite at ${i}`);
        l[i * P + i] = Math.sqrt(s);
      } else l[i * P + j] = s / l[j * P + j]!;
    }
  }
  return l;
}

/** x with Lᵀ x = z (back substitution), so x ~ N(0, (L Lᵀ)⁻¹) when z ~ N(0, I). */
function solveTransposed(l: Float64Array, z: Float64Array, P: number): Float64Array {
  const x = new Float64Array(P);
  for (let i = P - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < P; k++) s -= l[k * P + i]! * x[k]!;
    x[i] = s / l[i * P + i]!;
  }
  return x;
}

/** M members (M even) of the Laplace posterior in the head.json layout. */
export function sampleLaplaceHead(rng: Rng, head: LinearHead, precision: Float64Array, members: number): Head {
  if (members % 2 !== 0) throw new RangeError("antithetic sampling needs an even number of members");
  const { classes: C, features: F } = head;
  const P = C * (F + 1);
  const l = cholesky(precision, P);
  const weights: number[] = [];
  const bias: number[] = [];
  for (let pair = 0; pair < members / 2; pair++) {
    const x = solveTransposed(
      l,
      Float64Array.from({ length: P }, () => standardNormal(rng)),
      P,
    );
    for (const sign of [1, -1]) {
      for (let c = 0; c < C; c++) for (let f = 0; f < F; f++) weights.push(head.w[c * F + f]! + sign * x[at(c, f, F)]!);
      for (let c = 0; c < C; c++) bias.push(head.b[c]! + sign * x[at(c, F, F)]!);
    }
  }
  return { method: "laplace-last-layer-ggn", members, classes: C, features: F, weights, bias };
}
