import type { BinaryMask, GrayImage } from "../../shared/image/gray-image.ts";
import { resizeGray, resizeMask } from "../../shared/image/resize.ts";
import { renderPhantom, simulateLesions, type SimulateOptions } from "../../shared/lesion/index.ts";
import type { LesionReport } from "../../shared/lesion/simulate-lesions.ts";
import type { Rng } from "../../shared/numeric/rng.ts";
import type { Background } from "./backgrounds.ts";

/** How lesions are drawn: at most one of theta and preset (neither = theta uniform on [0, 1]^5). */
export type LesionChoice = Pick<SimulateOptions, "theta" | "preset" | "count" | "model" | "octaveFilter">;

export interface Sample {
  background: string;
  image: GrayImage;
  /** Union of all lesions (255 inside). */
  mask: BinaryMask;
  /** Per lesion: its pixels over the whole image (1 inside) and what the simulator reports. */
  lesions: { inside: Uint8Array; report: LesionReport }[];
}

/** A background as it enters the simulator: resized once to the data set's size. */
export interface PreparedBackground {
  name: string;
  image: GrayImage;
  lungMask?: BinaryMask;
}

/** Resizes a background (and its mask) to size × size; null keeps the native size. */
export function prepareBackground(b: Background, size: number | null): PreparedBackground {
  if (size === null || (b.image.width === size && b.image.height === size)) return b;
  const prepared: PreparedBackground = { name: b.name, image: resizeGray(b.image, size, size) };
  if (b.lungMask) prepared.lungMask = resizeMask(b.lungMask, size, size);
  return prepared;
}

/**
 * One training image: the background (a seeded phantom of side `phantomSize` when none is given)
 * with 1–3 simulated lesions, and each lesion's own pixel set, so that overlapping lesions keep
 * separate instance masks. Everything random comes from `rng`.
 */
export function makeSample(
  rng: Rng,
  background: PreparedBackground | null,
  phantomSize: number,
  choice: LesionChoice,
): Sample {
  const source = background ?? { name: "phantom", ...phantomAsBackground(rng, phantomSize) };
  const options: SimulateOptions = { image: source.image, ...choice };
  if (source.lungMask) options.mask = source.lungMask;
  const result = simulateLesions(rng, options);
  const { width, height } = result.image;
  const lesions = result.lesions.map((report, k) => {
    const [bx, by, bw, bh] = report.bbox;
    const opacity = result.opacityMaps[k]!;
    const inside = new Uint8Array(width * height);
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) if (opacity[y * bw + x]! > 0) inside[(by + y) * width + bx + x] = 1;
    }
    return { inside, report };
  });
  return { background: source.name, image: result.image, mask: result.mask, lesions };
}

function phantomAsBackground(rng: Rng, size: number): { image: GrayImage; lungMask: BinaryMask } {
  const { image, lungMask } = renderPhantom(rng, size);
  return { image, lungMask };
}
