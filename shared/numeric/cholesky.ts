/**
 * Dense lower Cholesky factors of small symmetric positive-definite matrices (a multivariate
 * Gaussian leaf's block, p <= ~30), row-major p x p in a Float64Array at `at`. Only the lower
 * triangle of a factor is read; the upper one is left as it is.
 */

/** L L^T = A (A row-major at aAt, L written at lAt); false if A is not numerically positive definite. */
export function choleskyInto(a: ArrayLike<number>, aAt: number, p: number, l: Float64Array, lAt: number): boolean {
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[aAt + i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[lAt + i * p + k]! * l[lAt + j * p + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        l[lAt + i * p + i] = Math.sqrt(s);
      } else l[lAt + i * p + j] = s / l[lAt + j * p + j]!;
    }
  }
  return true;
}

/**
 * Rank-one update L L^T + sign * v v^T in place (Golub & Van Loan, Matrix Computations, 4th ed.,
 * Sec. 6.5.4; the hyperbolic rotation for sign = -1). `v` (length p, from vAt) is overwritten.
 * Returns false when a downdate would leave the matrix not positive definite (rounding near a
 * singular factor); the caller then refactors from its exact statistics.
 */
export function choleskyRankOne(
  l: Float64Array,
  at: number,
  p: number,
  v: Float64Array,
  vAt: number,
  sign: 1 | -1,
): boolean {
  for (let k = 0; k < p; k++) {
    const lkk = l[at + k * p + k]!;
    const xk = v[vAt + k]!;
    const r2 = lkk * lkk + sign * xk * xk;
    if (!(r2 > 0)) return false;
    const r = Math.sqrt(r2);
    const c = r / lkk;
    const s = xk / lkk;
    l[at + k * p + k] = r;
    for (let i = k + 1; i < p; i++) {
      const lik = (l[at + i * p + k]! + sign * s * v[vAt + i]!) / c;
      l[at + i * p + k] = lik;
      v[vAt + i] = c * v[vAt + i]! - s * lik;
    }
  }
  return true;
}

/** Solves L y = b in place (b at bAt overwritten by y); returns ||y||^2. */
export function forwardSolveNormSq(l: ArrayLike<number>, at: number, p: number, b: Float64Array, bAt: number): number {
  let norm = 0;
  for (let i = 0; i < p; i++) {
    let s = b[bAt + i]!;
    for (let k = 0; k < i; k++) s -= l[at + i * p + k]! * b[bAt + k]!;
    const y = s / l[at + i * p + i]!;
    b[bAt + i] = y;
    norm += y * y;
  }
  return norm;
}

/** sum_i log L_ii = log |A| / 2. */
export function halfLogDet(l: ArrayLike<number>, at: number, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += Math.log(l[at + i * p + i]!);
  return s;
}

/** A = L L^T (full, row-major) from a factor, into out at outAt. */
export function gramInto(l: ArrayLike<number>, at: number, p: number, out: Float64Array, outAt: number): void {
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += l[at + i * p + k]! * l[at + j * p + k]!;
      out[outAt + i * p + j] = s;
      out[outAt + j * p + i] = s;
    }
  }
}
