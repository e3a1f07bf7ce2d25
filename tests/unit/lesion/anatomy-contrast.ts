import type { BinaryMask, GrayImage } from "../../../shared/image/gray-image.ts";
import { simulateLesions } from "../../../shared/lesion/simulate-lesions.ts";
import type { CompositingModel } from "../../../shared/lesion/compositing.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

/** A moderate lesion (scale 0.5, the middle of the "moderate" preset) with a gentle texture. */
export const MODERATE = { res: 2, persistence: 0.3, lacunarity: 2, scale: 0.5, smoothArea: 0.3 };

/**
 * Anatomy (rib-edge) contrast kept under a lesion: over the lesion core (p >= half its peak),
 * take the neighbour pairs whose difference in the INPUT is in the top 10 % (the rib and vessel
 * edges there) and return sum |difference after| / sum |difference before|.
 */
export function ribEdgeContrastKept(
  seed: number,
  image: GrayImage,
  mask: BinaryMask | undefined,
  model: CompositingModel,
  radius: number,
): { kept: number; pairs: number; outMax: number } {
  const result = simulateLesions(createRng(seed), {
    image,
    ...(mask ? { mask } : {}),
    count: 1,
    params: { ...MODERATE, radius },
    model,
  });
  const [bx, by, bw, bh] = result.lesions[0]!.bbox;
  const p = result.opacityMaps[0]!;
  const peak = result.lesions[0]!.peakOpacity;
  const { width } = image;
  const pairs: { a: number; b: number; before: number }[] = [];
  for (let y = 0; y < bh - 1; y++) {
    for (let x = 0; x < bw - 1; x++) {
      if (p[y * bw + x]! < peak / 2) continue;
      const i = (by + y) * width + bx + x;
      for (const j of [i + 1, i + width]) {
        const before = Math.abs(image.data[i]! - image.data[j]!);
        if (before > 0) pairs.push({ a: i, b: j, before });
      }
    }
  }
  pairs.sort((u, v) => v.before - u.before);
  const top = pairs.slice(0, Math.max(1, Math.floor(pairs.length / 10)));
  let sumBefore = 0;
  let sumAfter = 0;
  for (const { a, b, before } of top) {
    sumBefore += before;
    sumAfter += Math.abs(result.image.data[a]! - result.image.data[b]!);
  }
  let outMax = 0;
  for (const v of result.image.data) outMax = Math.max(outMax, v);
  return { kept: sumAfter / sumBefore, pairs: top.length, outMax };
}
