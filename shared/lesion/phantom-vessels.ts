import type { Rng } from "../numeric/rng.ts";

/** A vessel segment in image-side units, with its radius. */
interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  radius: number;
}

const TRUNKS = 7;
const DEPTH = 5;

/**
 * Pulmonary vessel trees: from each hilum, trunks fan out (from up-and-out to down-and-out) and
 * split in two at every level, each child ~0.75 as long and ~0.7 as thick, so the markings
 * branch and taper toward the periphery as on a chest radiograph.
 */
export function drawVesselTrees(rng: Rng, hila: readonly { x: number; y: number; side: number }[]): Segment[] {
  const segments: Segment[] = [];
  const grow = (x: number, y: number, angle: number, length: number, radius: number, depth: number, side: number) => {
    const x1 = x + side * Math.cos(angle) * length;
    const y1 = y + Math.sin(angle) * length;
    segments.push({ x0: x, y0: y, x1, y1, radius });
    if (depth === 0) return;
    const spread = 0.3 + 0.35 * rng.nextFloat();
    const skew = 0.5 * (rng.nextFloat() - 0.5);
    for (const sign of [-1, 1]) {
      grow(
        x1,
        y1,
        angle + sign * spread + skew,
        length * (0.58 + 0.17 * rng.nextFloat()),
        radius * 0.68,
        depth - 1,
        side,
      );
    }
  };
  for (const h of hila) {
    for (let t = 0; t < TRUNKS; t++) {
      // Trunks leave a vertical hilar segment and fan from 80 degrees above the lateral
      // direction (upper lobe) to 85 below (lower lobe); y grows downward.
      const f = (t + 0.5) / TRUNKS;
      const angle = ((-80 + 165 * f + 12 * (rng.nextFloat() - 0.5)) * Math.PI) / 180;
      grow(h.x, h.y - 0.06 + 0.12 * f, angle, 0.08 + 0.03 * rng.nextFloat(), 0.0065, DEPTH, h.side);
    }
  }
  return segments;
}

/**
 * Rasterises the segments into a size x size map of relative thickness (1 at a trunk's axis)
 * with the smooth profile (1 - d^2 / r^2)^2 rather than a hard-edged cylinder, since vessels
 * blur on a radiograph; where vessels cross, the thicker one wins.
 */
export function rasterizeVessels(segments: readonly Segment[], size: number): Float64Array {
  const map = new Float64Array(size * size);
  const trunk = Math.max(...segments.map((s) => s.radius));
  for (const s of segments) {
    const r = s.radius * size;
    const ax = s.x0 * size,
      ay = s.y0 * size,
      bx = s.x1 * size,
      by = s.y1 * size;
    const dx = bx - ax,
      dy = by - ay;
    const len2 = dx * dx + dy * dy || 1;
    const xMin = Math.max(0, Math.floor(Math.min(ax, bx) - r)),
      xMax = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + r));
    const yMin = Math.max(0, Math.floor(Math.min(ay, by) - r)),
      yMax = Math.min(size - 1, Math.ceil(Math.max(ay, by) + r));
    for (let y = yMin; y <= yMax; y++) {
      for (let x = xMin; x <= xMax; x++) {
        const px = x + 0.5 - ax,
          py = y + 0.5 - ay;
        const t = Math.min(1, Math.max(0, (px * dx + py * dy) / len2));
        const ex = px - t * dx,
          ey = py - t * dy;
        const d2 = ex * ex + ey * ey;
        if (d2 >= r * r) continue;
        const q = 1 - d2 / (r * r);
        const chord = (q * q * s.radius) / trunk;
        const i = y * size + x;
        if (chord > map[i]!) map[i] = chord;
      }
    }
  }
  return map;
}
