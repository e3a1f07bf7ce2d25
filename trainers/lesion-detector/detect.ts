import { heatmapSide } from "../../shared/lesion-detect/detector-spec.ts";
import { heatmapBoxes, type HeatmapBox } from "../../shared/lesion-detect/heatmap-boxes.ts";
import type { DetectorExample } from "./examples.ts";
import type { DetectorNet } from "./network.ts";

/** Heatmap cells at or above this probability form candidate lesions (FROC ranks them by peak). */
export const CANDIDATE_THRESHOLD = 0.2;

/** Candidate boxes (input-pixel coordinates) for each example, in batches of `batch`. */
export function detectExamples(
  net: DetectorNet,
  examples: readonly DetectorExample[],
  side: number,
  batch = 32,
): HeatmapBox[][] {
  const h = heatmapSide(side);
  const out: HeatmapBox[][] = [];
  for (let i = 0; i < examples.length; i += batch) {
    const heat = net.predict(
      examples.slice(i, i + batch).map((e) => e.input),
      side,
    );
    for (const m of heat) out.push(heatmapBoxes(m, h, side, side, CANDIDATE_THRESHOLD));
  }
  return out;
}
