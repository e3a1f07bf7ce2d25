import type { Rng } from "../numeric/rng.ts";

/**
 * Geometry of the synthetic thorax, in units of the image side (0..1, y down, PA view: the
 * patient's right lung on the image's left). Every value is jittered per seed so phantoms differ.
 */
export interface ThoraxAnatomy {
  /** Half-width of the torso at full height, and the neck's half-width at the top edge. */
  bodyHalfWidth: number;
  neckHalfWidth: number;
  lungs: readonly Lung[];
  heart: Ellipse;
  spineX: number;
  spineHalfWidth: number;
  /** Height at which each posterior rib leaves the spine. */
  ribStarts: readonly number[];
  ribHalfHeight: number;
  clavicleY: number;
}

export interface Ellipse {
  cx: number;
  cy: number;
  ax: number;
  ay: number;
}

/** A lung: an egg-shaped ellipse (narrow apex) cut from below by a diaphragm dome. */
export interface Lung extends Ellipse {
  /** Lowest point of the lung (costophrenic angle) and how far the dome rises above it. */
  base: number;
  dome: number;
  top: number;
}

export function drawAnatomy(rng: Rng): ThoraxAnatomy {
  const jitter = (value: number, spread: number) => value + spread * (2 * rng.nextFloat() - 1);
  const lungWidth = jitter(0.15, 0.01);
  const top = jitter(0.11, 0.012);
  const baseRight = jitter(0.76, 0.02); // the patient's right hemidiaphragm (image left) sits higher
  const lung = (side: number, base: number): Lung => {
    const cy = (top + base) / 2 + 0.05; // widest below the middle
    return {
      cx: 0.5 + side * jitter(0.215, 0.008),
      cy,
      ax: lungWidth,
      ay: cy - top,
      base,
      dome: jitter(0.08, 0.015),
      top,
    };
  };
  const ribStep = jitter(0.058, 0.003);
  const ribTop = jitter(0.1, 0.008);
  return {
    bodyHalfWidth: jitter(0.44, 0.015),
    neckHalfWidth: jitter(0.12, 0.01),
    lungs: [lung(-1, baseRight), lung(1, baseRight + jitter(0.03, 0.01))],
    heart: { cx: jitter(0.555, 0.012), cy: jitter(0.66, 0.015), ax: jitter(0.165, 0.012), ay: jitter(0.13, 0.01) },
    spineX: 0.5,
    spineHalfWidth: jitter(0.033, 0.003),
    ribStarts: Array.from({ length: 10 }, (_, i) => ribTop + i * ribStep),
    ribHalfHeight: jitter(0.0085, 0.001),
    clavicleY: jitter(0.085, 0.008),
  };
}

/** Smooth Hermite step from 0 at `edge0` to 1 at `edge1`. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** Chord through an ellipsoid relative to its depth: sqrt(1 - r^2) inside the ellipse, else 0. */
export function ellipsoidChord(e: Ellipse, u: number, v: number): number {
  const dx = (u - e.cx) / e.ax;
  const dy = (v - e.cy) / e.ay;
  const r2 = dx * dx + dy * dy;
  return r2 < 1 ? Math.sqrt(1 - r2) : 0;
}

/**
 * Relative air depth of a lung: an ellipsoid whose width narrows toward the apex, faded out
 * below a diaphragm dome that is highest mid-lung and lowest at the costophrenic angles.
 */
export function lungChord(lung: Lung, u: number, v: number): number {
  const narrowing = 0.72 + 0.28 * smoothstep(lung.top, lung.top + 0.3, v);
  const dx = (u - lung.cx) / (lung.ax * narrowing);
  const dy = (v - lung.cy) / lung.ay;
  const r2 = dx * dx + dy * dy;
  if (r2 >= 1) return 0;
  const chord = Math.sqrt(1 - r2);
  const w = (u - lung.cx) / lung.ax;
  const dome = lung.base - lung.dome * Math.max(0, 1 - w * w);
  // Sharp pleural edge: the sqrt chord falls steeply, lift it so the border reads as a line.
  return Math.min(1, 1.3 * chord) * smoothstep(dome + 0.008, dome - 0.008, v);
}

/** Cylinder chord of a band of half-height h around a centre line, 0 outside. */
function band(v: number, centre: number, h: number): number {
  const d = (v - centre) / h;
  return d > -1 && d < 1 ? Math.sqrt(1 - d * d) : 0;
}

/**
 * Rib i: the posterior arc leaves the spine at ribStarts[i], rises a little and curves down
 * the lateral chest wall; the fainter anterior arc returns medially and downward from there.
 */
export function ribChord(a: ThoraxAnatomy, i: number, u: number, v: number): number {
  const lat = Math.abs(u - a.spineX) / a.bodyHalfWidth; // 0 at the spine, 1 at the body edge
  if (lat < 0.07 || lat > 0.96) return 0;
  const start = a.ribStarts[i]!;
  const posterior = band(v, start - 0.02 + 0.4 * (lat - 0.32) ** 2, a.ribHalfHeight);
  const lateralEnd = start - 0.02 + 0.4 * 0.64 ** 2;
  const anterior =
    lat > 0.4 ? band(v, lateralEnd + 0.2 * (0.96 - lat), a.ribHalfHeight * 1.2) * smoothstep(0.4, 0.6, lat) : 0;
  return posterior + 0.45 * anterior;
}

/** Clavicle: an S-shaped bar from the sternal notch up and out to the shoulder. */
export function clavicleChord(a: ThoraxAnatomy, u: number, v: number): number {
  if (v < a.clavicleY - 0.03 || v > a.clavicleY + 0.07) return 0; // outside its band: skip the sine
  const lat = Math.abs(u - a.spineX) / a.bodyHalfWidth;
  if (lat < 0.08 || lat > 0.7) return 0;
  const s = (lat - 0.08) / 0.62;
  const centre = a.clavicleY + 0.045 * (1 - s) - 0.012 * Math.sin(2 * Math.PI * s);
  return band(v, centre, 0.011) * smoothstep(0.08, 0.12, lat);
}
