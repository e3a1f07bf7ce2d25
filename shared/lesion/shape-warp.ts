import type { Rng } from "../numeric/rng.ts";

/** One moved control point, in canvas pixel coordinates (pixel centres at integers). */
export interface WarpPoint {
  source: readonly [number, number];
  target: readonly [number, number];
}

/**
 * Draws the control point of the warp: source and target independently uniform in the square
 * of pixels start .. start + size - 1 (its outer edges at -0.5 / +0.5), kept 1 % off its border.
 */
export function drawWarpPoint(rng: Rng, start: number, size: number): WarpPoint {
  const coord = () => start - 0.5 + size * (0.01 + 0.98 * rng.nextFloat());
  const sx = coord();
  const source: [number, number] = [sx, coord()];
  const tx = coord();
  return { source, target: [tx, coord()] };
}

/** Bilinear sample of a side x side map at a continuous position; 0 outside. */
function sample(map: Float64Array, side: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  if (x0 >= 0 && y0 >= 0 && x0 + 1 < side && y0 + 1 < side) {
    const i = y0 * side + x0;
    const top = map[i]! * (1 - fx) + map[i + 1]! * fx;
    const bottom = map[i + side]! * (1 - fx) + map[i + side + 1]! * fx;
    return top * (1 - fy) + bottom * fy;
  }
  // The canvas border is always 0 (the disc ends inside it), so clipped samples read 0.
  return 0;
}

/**
 * Piecewise-affine warp of a square canvas (as in the lesion model of Suzuki, Hanaoka & Sato
 * 2022, arXiv 2204.13849, which uses a piecewise-affine transform): the four corners of the
 * canvas stay fixed and one control point moves from `source` to `target`. The caller draws the
 * points in the disc's bounding square and gives the canvas a margin: with the corners on the
 * disc's own square, a far-moved point squeezes the disc against the border into straight-cut
 * shapes, while a margin of half a radius yields the irregular blobs the method intends. The target mesh is the fan of
 * four triangles (target, corner k, corner k+1); each output pixel is mapped back by the affine
 * map of its triangle to the matching source triangle and sampled bilinearly. Because every
 * square edge is a triangle edge with fixed ends, the border maps to itself and the warped
 * content never leaves the canvas.
 */
export function piecewiseAffineWarp(map: Float64Array, side: number, point: WarpPoint): Float64Array {
  const lo = -0.5;
  const hi = side - 0.5;
  const cornersX = [lo, hi, hi, lo];
  const cornersY = [lo, lo, hi, hi];
  const [tx, ty] = point.target;
  const [sx, sy] = point.source;
  // Per triangle k (target, c_k, c_k+1): the inverse of [c_k - t, c_k+1 - t] gives a pixel's
  // barycentric weights (a, b); the source point is s + a (c_k - s) + b (c_k+1 - s).
  const inv = new Float64Array(16);
  const edges = new Float64Array(16);
  for (let k = 0; k < 4; k++) {
    const cx = cornersX[k]!,
      cy = cornersY[k]!,
      dx = cornersX[(k + 1) % 4]!,
      dy = cornersY[(k + 1) % 4]!;
    const e1x = cx - tx,
      e1y = cy - ty,
      e2x = dx - tx,
      e2y = dy - ty;
    const det = e1x * e2y - e2x * e1y;
    inv.set([e2y / det, -e2x / det, -e1y / det, e1x / det], 4 * k);
    edges.set([cx - sx, cy - sy, dx - sx, dy - sy], 4 * k);
  }
  const out = new Float64Array(side * side);
  const eps = 1e-9;
  for (let y = 0; y < side; y++) {
    const qy = y - ty;
    for (let x = 0; x < side; x++) {
      const qx = x - tx;
      for (let k = 0; k < 16; k += 4) {
        const a = inv[k]! * qx + inv[k + 1]! * qy;
        const b = inv[k + 2]! * qx + inv[k + 3]! * qy;
        if (a < -eps || b < -eps || a + b > 1 + eps) continue;
        out[y * side + x] = sample(
          map,
          side,
          sx + a * edges[k]! + b * edges[k + 2]!,
          sy + a * edges[k + 1]! + b * edges[k + 3]!,
        );
        break;
      }
    }
  }
  return out;
}
