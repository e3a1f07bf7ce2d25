import type { HeatmapBox } from "../../shared/lesion-detect/heatmap-boxes.ts";
import type { Box } from "./examples.ts";

/** The hit rule of the GDR paper: a detection hits a lesion when their boxes' Dice is ≥ 0.2. */
export const HIT_DICE = 0.2;

export function boxDice(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  return (2 * ix * iy) / (a[2] * a[3] + b[2] * b[3]);
}

export interface FrocPoint {
  fpPerImage: number;
  sensitivity: number;
  /** The score threshold at which this point is reached. */
  score: number;
}

export interface Froc {
  /** Area under sensitivity(FP per image) for 0–1 false positives per image (0..1). */
  fauc: number;
  points: FrocPoint[];
  /** Sensitivity with at most 1 false positive per image. */
  sensitivityAt1: number;
  /** Every detection labelled hit or false positive (for calibration of confidences). */
  labelled: { score: number; hit: boolean }[];
}

/**
 * FROC over a set of images: detections of all images are ranked by score; each, in turn, hits
 * the best-matching not-yet-hit lesion of its image (Dice ≥ HIT_DICE) or counts as a false
 * positive. A second detection of an already-hit lesion is a false positive, as in the paper.
 */
export function froc(
  detections: readonly (readonly Pick<HeatmapBox, "bbox" | "score">[])[],
  truths: readonly (readonly Box[])[],
  maxFp = 1,
): Froc {
  const images = detections.length;
  const lesions = truths.reduce((n, t) => n + t.length, 0);
  const ranked = detections
    .flatMap((boxes, image) => boxes.map((b) => ({ image, b })))
    .sort((p, q) => q.b.score - p.b.score);
  const hit = truths.map((t) => new Uint8Array(t.length));
  const labelled: Froc["labelled"] = [];
  const points: FrocPoint[] = [{ fpPerImage: 0, sensitivity: 0, score: Infinity }];
  let [tp, fp] = [0, 0];
  for (const { image, b } of ranked) {
    let best = -1;
    let bestDice = HIT_DICE;
    truths[image]!.forEach((t, j) => {
      const d = boxDice(b.bbox, t);
      if (hit[image]![j] === 0 && d >= bestDice) [best, bestDice] = [j, d];
    });
    if (best >= 0) {
      hit[image]![best] = 1;
      tp++;
    } else fp++;
    labelled.push({ score: b.score, hit: best >= 0 });
    points.push({ fpPerImage: fp / images, sensitivity: lesions > 0 ? tp / lesions : 0, score: b.score });
  }
  // Area under the step curve sensitivity(f) for f in [0, maxFp]: each point holds until the next.
  let area = 0;
  for (let i = 0; i < points.length; i++) {
    const from = points[i]!.fpPerImage;
    if (from >= maxFp) break;
    const to = Math.min(maxFp, points[i + 1]?.fpPerImage ?? maxFp);
    area += (to - from) * points[i]!.sensitivity;
  }
  const sensitivityAt1 = Math.max(...points.filter((p) => p.fpPerImage <= 1).map((p) => p.sensitivity));
  return { fauc: area / maxFp, points, sensitivityAt1, labelled };
}
