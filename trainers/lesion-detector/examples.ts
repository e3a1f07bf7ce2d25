import { DETECTOR_INPUT_SIDE, heatmapSide, OUTPUT_STRIDE } from "../../shared/lesion-detect/detector-spec.ts";
import { detectorInput } from "../../shared/lesion-detect/preprocess.ts";
import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { tightBox } from "../lesion-dataset/coco.ts";
import { makeSample, type LesionChoice, type PreparedBackground } from "../lesion-dataset/make-sample.ts";

export type Box = [number, number, number, number];

/** One training or evaluation image as the detector sees it. */
export interface DetectorExample {
  /** Standardised side × side input (shared/lesion-detect/preprocess.ts). */
  input: Float32Array;
  /** Heatmap target: 1 where any lesion pixel falls in the cell. */
  target: Float32Array;
  /** Each lesion's tight box in input pixels. */
  boxes: Box[];
}

/**
 * The detector is trained and judged on the paper's compositing model, I(1 − p) + max · p, named
 * explicitly so that a change of the simulator's default does not silently change the data.
 */
export const TRAINING_COMPOSITING = "linear" as const;

/**
 * The texture rule the shipped detector was trained and evaluated with ("fade": octaves finer than
 * 2 px dropped), pinned for the same reason: the simulator's default is now "band-limit".
 */
export const TRAINING_OCTAVE_FILTER = "fade" as const;

/** Lesions to draw: a LesionChoice, or "none" for a clean image (false-positive checks). */
export type ExampleLesions = LesionChoice | "none";

function heatmapTarget(mask: Uint8Array, side: number): Float32Array {
  const h = heatmapSide(side);
  const target = new Float32Array(h * h);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (mask[y * side + x] !== 0) target[Math.floor(y / OUTPUT_STRIDE) * h + Math.floor(x / OUTPUT_STRIDE)] = 1;
    }
  }
  return target;
}

/**
 * n examples over backgrounds drawn uniformly from `pool` (already side × side), lesions as
 * `lesions` says. Each image's lesion count is the simulator's 1–3 draw unless the choice fixes it.
 */
export function makeExamples(
  rng: Rng,
  pool: readonly PreparedBackground[],
  n: number,
  lesions: ExampleLesions,
  side = DETECTOR_INPUT_SIDE,
): DetectorExample[] {
  const out: DetectorExample[] = [];
  for (let i = 0; i < n; i++) {
    const background = pool[uniformInt(rng, pool.length)]!;
    if (lesions === "none") {
      out.push({
        input: detectorInput(background.image, side),
        target: new Float32Array(heatmapSide(side) ** 2),
        boxes: [],
      });
      continue;
    }
    const sample = makeSample(rng, background, side, {
      model: TRAINING_COMPOSITING,
      octaveFilter: TRAINING_OCTAVE_FILTER,
      ...lesions,
    });
    const boxes = sample.lesions
      .map((l) => tightBox(l.inside, side, side)?.bbox)
      .filter((b): b is Box => b !== undefined);
    out.push({ input: detectorInput(sample.image, side), target: heatmapTarget(sample.mask.data, side), boxes });
  }
  return out;
}
