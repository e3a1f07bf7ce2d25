import { CoreError } from "../errors.ts";
import type { BinaryMask, GrayImage } from "../image/gray-image.ts";
import { grayMax } from "../image/gray-image.ts";
import { uniformInt, type Rng } from "../numeric/rng.ts";
import { squaredDistanceToOutside } from "./distance-transform.ts";
import type { LesionStamp } from "./lesion-stamp.ts";

/** Where a lesion went: its centre pixel and the image box its opacity map covers. */
export interface Placement {
  centerX: number;
  centerY: number;
  box: { x: number; y: number; width: number; height: number };
}

const MASK_DRAWS = 256; // random centres tried before falling back to the distance transform
const FALLBACK_TRIES = 256; // exact tests among near-fitting centres when no centre fits for sure

function placementAt(stamp: LesionStamp, cx: number, cy: number): Placement {
  return {
    centerX: cx,
    centerY: cy,
    box: { x: cx + stamp.offsetX, y: cy + stamp.offsetY, width: stamp.width, height: stamp.height },
  };
}

/** True when every p > 0 pixel of the stamp centred at (cx, cy) falls on a nonzero mask pixel. */
function fits(stamp: LesionStamp, mask: BinaryMask, cx: number, cy: number): boolean {
  const x0 = cx + stamp.offsetX;
  const y0 = cy + stamp.offsetY;
  if (x0 < 0 || y0 < 0 || x0 + stamp.width > mask.width || y0 + stamp.height > mask.height) return false;
  for (let y = 0; y < stamp.height; y++) {
    const row = (y0 + y) * mask.width + x0;
    for (let x = 0; x < stamp.width; x++) {
      if (stamp.opacity[y * stamp.width + x]! > 0 && mask.data[row + x] === 0) return false;
    }
  }
  return true;
}

/** Per-request facts about the lung mask, computed once and shared by all lesions. */
export interface MaskIndex {
  mask: BinaryMask;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Squared distance to the nearest non-mask pixel; computed only if rejection fails. */
  dt2: Float64Array | null;
}

export function indexMask(mask: BinaryMask): MaskIndex {
  let minX = mask.width,
    minY = mask.height,
    maxX = -1,
    maxY = -1;
  const { data, width, height } = mask;
  // Per row, scan in from both ends only: a row costs its margins, not its width.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let left = 0;
    while (left < width && data[row + left] === 0) left++;
    if (left === width) continue;
    let right = width - 1;
    while (data[row + right] === 0) right--;
    if (left < minX) minX = left;
    if (right > maxX) maxX = right;
    if (y < minY) minY = y;
    maxY = y;
  }
  return { mask, minX, minY, maxX, maxY, dt2: null };
}

/**
 * Places a lesion so that all its p > 0 pixels lie inside the mask. First, rejection: centres
 * uniform over the mask's bounding box, kept if on the mask and the whole lesion fits (cheap,
 * and uniform over the feasible centres). If that fails, the exact distance transform gives
 * centres whose distance to the outside exceeds the lesion's reach, which fit for certain; if
 * there are none, the closest candidates are tested exactly. Throws "no-room-for-lesion" last.
 */
export function placeInMask(rng: Rng, stamp: LesionStamp, index: MaskIndex): Placement {
  const { mask } = index;
  if (index.maxX < 0) throw new CoreError("no-room-for-lesion", "the lung mask is empty");
  const spanX = index.maxX - index.minX + 1;
  const spanY = index.maxY - index.minY + 1;
  for (let i = 0; i < MASK_DRAWS; i++) {
    const cx = index.minX + uniformInt(rng, spanX);
    const cy = index.minY + uniformInt(rng, spanY);
    if (mask.data[cy * mask.width + cx] !== 0 && fits(stamp, mask, cx, cy)) return placementAt(stamp, cx, cy);
  }
  index.dt2 ??= squaredDistanceToOutside(mask.data, mask.width, mask.height);
  const dt2 = index.dt2;
  const sure = stamp.reach * stamp.reach;
  let count = 0;
  for (let i = 0; i < dt2.length; i++) if (dt2[i]! > sure) count++;
  if (count > 0) {
    let k = uniformInt(rng, count);
    for (let i = 0; i < dt2.length; i++) {
      if (dt2[i]! > sure && k-- === 0) return placementAt(stamp, i % mask.width, Math.floor(i / mask.width));
    }
  }
  // No centre is certain: try centres at least half the reach from the outside.
  const near: number[] = [];
  for (let i = 0; i < dt2.length; i++) if (dt2[i]! >= sure / 4) near.push(i);
  for (let t = 0; t < FALLBACK_TRIES && near.length > 0; t++) {
    const i = near[uniformInt(rng, near.length)]!;
    const cx = i % mask.width,
      cy = Math.floor(i / mask.width);
    if (fits(stamp, mask, cx, cy)) return placementAt(stamp, cx, cy);
  }
  throw new CoreError(
    "no-room-for-lesion",
    `no place in the lung mask fits a lesion of ${stamp.width}x${stamp.height} px; use a smaller radius or a larger mask`,
  );
}

/** Darkness test of the paper's code: threshold 90 on the 8-bit scale, relaxed by 1 every 20 rejections. */
export const DARKNESS_THRESHOLD = 90;
export const DARKNESS_RELAX_EVERY = 20;
/** Centres are drawn from the middle of the image, where the lungs are: [0.2, 0.8] of each axis. */
const MIDDLE_LO = 0.2;
const MIDDLE_HI = 0.8;

/**
 * Places a lesion without a mask, as in Suzuki et al.'s code: a centre uniform in the middle of
 * the image is accepted when the mean of the pixels under the lesion (p > 0), on the 8-bit
 * scale, is below a threshold that starts at 90 and rises by 1 every 20 rejections. Once the
 * threshold passes 255 any centre is accepted, so at most 20 * 166 + 1 centres are tried.
 */
export function placeByDarkness(rng: Rng, stamp: LesionStamp, image: GrayImage): Placement & { threshold: number } {
  const { width, height } = image;
  const range = (size: number, offset: number, extent: number): [number, number] => [
    Math.max(-offset, Math.floor(MIDDLE_LO * size)),
    Math.min(size - offset - extent, Math.ceil(MIDDLE_HI * size)),
  ];
  const [xLo, xHi] = range(width, stamp.offsetX, stamp.width);
  const [yLo, yHi] = range(height, stamp.offsetY, stamp.height);
  if (xLo > xHi || yLo > yHi) {
    throw new CoreError(
      "no-room-for-lesion",
      `a lesion of ${stamp.width}x${stamp.height} px does not fit in the middle of a ${width}x${height} image`,
    );
  }
  const toEightBit = 255 / grayMax(image.bitDepth);
  for (let rejections = 0; ; rejections++) {
    const threshold = DARKNESS_THRESHOLD + Math.floor(rejections / DARKNESS_RELAX_EVERY);
    const cx = xLo + uniformInt(rng, xHi - xLo + 1);
    const cy = yLo + uniformInt(rng, yHi - yLo + 1);
    const p = placementAt(stamp, cx, cy);
    let sum = 0;
    let n = 0;
    for (let y = 0; y < stamp.height; y++) {
      const row = (p.box.y + y) * width + p.box.x;
      for (let x = 0; x < stamp.width; x++) {
        if (stamp.opacity[y * stamp.width + x]! > 0) {
          sum += image.data[row + x]!;
          n++;
        }
      }
    }
    if ((sum / n) * toEightBit < threshold || threshold > 255) return { ...p, threshold };
  }
}
