import type { DetectedLesion, LesionDetector } from "../../shared/lesion-detect/detector.ts";
import type { DetectorExample } from "./examples.ts";
import { froc, type Froc } from "./froc.ts";
import { detectionEce } from "./platt.ts";

/** The served detector's boxes for each example (inputs already preprocessed by detectorInput). */
export async function servedDetections(
  detector: LesionDetector,
  examples: readonly DetectorExample[],
  side: number,
): Promise<DetectedLesion[][]> {
  const out: DetectedLesion[][] = [];
  for (const e of examples) out.push(detector.fromHeatmaps(await detector.memberHeatmaps(e.input), side, side).lesions);
  return out;
}

export interface ServedFigures {
  fauc: number;
  sensitivityAt1: number;
  /** ECE of the calibrated confidences against hits (Dice ≥ 0.2), over all detections. */
  ece: number;
  froc: Froc;
}

/** FROC of the served detector ranked by calibrated confidence. */
export function servedFroc(
  detections: readonly DetectedLesion[][],
  examples: readonly DetectorExample[],
): ServedFigures {
  const f = froc(
    detections.map((ls) => ls.map((l) => ({ bbox: l.bbox, score: l.confidence }))),
    examples.map((e) => e.boxes),
  );
  return {
    fauc: f.fauc,
    sensitivityAt1: f.sensitivityAt1,
    ece: detectionEce(f.labelled.map((l) => ({ confidence: l.score, hit: l.hit }))),
    froc: f,
  };
}
