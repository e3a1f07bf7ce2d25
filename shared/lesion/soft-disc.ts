/** A disc drawn on a square canvas with a margin around its bounding square. */
export interface DiscCanvas {
  /** Canvas side: 2K + 1 + 2 margin, with K = ceil(radius + 1). */
  side: number;
  /** Centre pixel index on both axes: K + margin. */
  centre: number;
  /** Side of the disc's bounding square, 2K + 1, which starts at `margin` on both axes. */
  discSide: number;
  margin: number;
  /** Row-major side * side weights in [0, 1]. */
  alpha: Float64Array;
}

/**
 * The lesion's soft disc (Suzuki, Hanaoka & Sato 2022, arXiv 2204.13849, lesion model), with
 * R = radius + 1:
 *   w(d) = min(1, (1 - d / R) / s) for d <= R, else 0,
 * where d is the distance of the pixel centre from the disc centre and s the smooth area. The
 * plateau w = 1 covers d <= R (1 - s); the outer fraction s of the radius ramps to 0. The
 * margin leaves room for the shape warp to push the disc outward.
 */
export function softDisc(radius: number, smoothArea: number, margin = 0): DiscCanvas {
  const R = radius + 1;
  const K = Math.ceil(R);
  const discSide = 2 * K + 1;
  const side = discSide + 2 * margin;
  const centre = K + margin;
  const alpha = new Float64Array(side * side);
  for (let y = margin; y < margin + discSide; y++) {
    const dy = y - centre;
    for (let x = margin; x < margin + discSide; x++) {
      const dx = x - centre;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d <= R) alpha[y * side + x] = Math.min(1, (1 - d / R) / smoothArea);
    }
  }
  return { side, centre, discSide, margin, alpha };
}
