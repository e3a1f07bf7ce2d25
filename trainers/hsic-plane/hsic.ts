/**
 * Normalised HSIC (Gretton et al. 2005; used as an information-plane proxy by Sakamoto & Sato,
 * "End-to-end training induces information bottleneck through layer-role differentiation"):
 *   HSIC(X, Y) = tr(K H L H) / (n - 1)^2          (the biased estimator)
 *   nHSIC(X, Y) = HSIC(X, Y) / sqrt(HSIC(X, X) HSIC(Y, Y))
 * with Gaussian kernels whose width is the median pairwise distance (the median heuristic).
 * Samples are row-major Float64Arrays [n * dim].
 */

/** Squared Euclidean distances between rows, [n * n]. */
export function squaredDistances(x: Float64Array, n: number, dim: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const d = x[i * dim + k]! - x[j * dim + k]!;
        s += d * d;
      }
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** The median of the off-diagonal pairwise distances (not squared); 1 when all points coincide. */
export function medianDistance(d2: Float64Array, n: number): number {
  const upper = new Float64Array((n * (n - 1)) / 2);
  let m = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) upper[m++] = d2[i * n + j]!;
  upper.sort();
  const median = m === 0 ? 0 : m % 2 ? upper[(m - 1) / 2]! : (upper[m / 2 - 1]! + upper[m / 2]!) / 2;
  return median > 0 ? Math.sqrt(median) : 1;
}

/** H K H for the Gaussian kernel K_ij = exp(-|x_i - x_j|^2 / (2 sigma^2)), sigma by the median heuristic. */
export function centredGaussianGram(x: Float64Array, n: number, dim: number): Float64Array {
  const d2 = squaredDistances(x, n, dim);
  const sigma = medianDistance(d2, n);
  const k = d2.map((v) => Math.exp(-v / (2 * sigma * sigma)));
  // Double centring: subtract row and column means, add the grand mean (K is symmetric).
  const rowMean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += k[i * n + j]!;
    rowMean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) k[i * n + j] = k[i * n + j]! - rowMean[i]! - rowMean[j]! + grand;
  return k;
}

/** Biased HSIC from two centred Gram matrices: tr(KH LH) / (n-1)^2 = sum(Kc .* Lc) / (n-1)^2, as H is idempotent. */
export function hsicFromCentred(kc: Float64Array, lc: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < kc.length; i++) s += kc[i]! * lc[i]!;
  return s / ((n - 1) * (n - 1));
}

/** nHSIC in [0, 1] from centred Grams: 0 for independent samples (up to estimator bias), 1 for identical ones. */
export function normalisedHsicFromCentred(kc: Float64Array, lc: Float64Array, n: number): number {
  const denom = Math.sqrt(hsicFromCentred(kc, kc, n) * hsicFromCentred(lc, lc, n));
  return denom > 0 ? hsicFromCentred(kc, lc, n) / denom : 0;
}

export function normalisedHsic(x: Float64Array, dx: number, y: Float64Array, dy: number, n: number): number {
  return normalisedHsicFromCentred(centredGaussianGram(x, n, dx), centredGaussianGram(y, n, dy), n);
}
