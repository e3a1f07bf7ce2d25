/**
 * 1-D squared distance transform of a sampled function (Felzenszwalb & Huttenlocher 2012,
 * "Distance Transforms of Sampled Functions", algorithm DT(f)): d[q] = min_p (q - p)^2 + f[p].
 */
function dt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    let p = v[k]!;
    let s = (f[q]! + q * q - (f[p]! + p * p)) / (2 * q - 2 * p);
    // z[0] = -Infinity stops the loop at k = 0.
    while (s <= z[k]!) {
      k--;
      p = v[k]!;
      s = (f[q]! + q * q - (f[p]! + p * p)) / (2 * q - 2 * p);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

/** Stands in for +infinity: finite so that FAR - FAR is 0, not NaN, in the envelope test. */
const FAR = 1e20;

/**
 * Exact squared Euclidean distance from each mask pixel to the nearest non-mask pixel, where
 * everything beyond the image border counts as non-mask. Pixels outside the mask get 0.
 * Separable: columns then rows of a grid padded by one zero pixel on each side.
 */
export function squaredDistanceToOutside(mask: Uint8Array, width: number, height: number): Float64Array {
  const W = width + 2;
  const H = height + 2;
  const grid = new Float64Array(W * H);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (mask[y * width + x] !== 0) grid[(y + 1) * W + x + 1] = FAR;
  }
  const n = Math.max(W, H);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < W; x++) {
    for (let y = 0; y < H; y++) f[y] = grid[y * W + x]!;
    dt1d(f, H, d, v, z);
    for (let y = 0; y < H; y++) grid[y * W + x] = d[y]!;
  }
  // The row pass writes its answers into the same buffer, packed to width × height: output row
  // y - 1 ends before padded row y starts, and row y is copied into f before anything is written,
  // so no unread value is overwritten. One full-size Float64 buffer instead of two (at 2048² that
  // is 32 MiB less at the request's peak).
  for (let y = 1; y <= height; y++) {
    for (let x = 0; x < W; x++) f[x] = grid[y * W + x]!;
    dt1d(f, W, d, v, z);
    for (let x = 1; x <= width; x++) grid[(y - 1) * width + x - 1] = d[x]!;
  }
  return grid.subarray(0, width * height);
}
