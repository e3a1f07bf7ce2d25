import type { GrayImage } from "../image/gray-image.ts";
import type { OnnxSession } from "../onnx/types.ts";
import type { DetectorConfig } from "./detector-config.ts";
import { heatmapBoxes } from "./heatmap-boxes.ts";
import { detectorInput } from "./preprocess.ts";

export interface DetectedLesion {
  /** [x, y, width, height] in the pixels of the image as sent. */
  bbox: [number, number, number, number];
  /** Calibrated probability that this box is a lesion (Platt scaling on validation detections). */
  confidence: number;
  /** The ensemble-mean heatmap peak before calibration. */
  score: number;
  /** Disagreement of the members about this box: the spread of their own peaks over its cells. */
  epistemic: { std: number; mutualInformation: number };
}

export interface Detection {
  lesions: DetectedLesion[];
  /** Ensemble-mean lesion probability per heatmap cell (side × side, row-major). */
  heatmap: Float32Array;
  side: number;
}

const logit = (p: number) => Math.log(Math.max(p, 1e-7) / Math.max(1 - p, 1e-7));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const entropy = (p: number) => (p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p)));

/**
 * The served lesion detector: an ensemble of small fully convolutional networks (one per training
 * seed), run on the image resized to inputSide² and standardised, their heatmaps averaged, and
 * candidate components boxed, calibrated and scored for member disagreement. Compiled once per
 * isolate by the registry; `detect` holds only one image's tensors.
 */
export class LesionDetector {
  constructor(
    private readonly members: readonly OnnxSession[],
    readonly config: DetectorConfig,
  ) {}

  /** Each member's heatmap for one standardised input. */
  async memberHeatmaps(input: Float32Array): Promise<Float32Array[]> {
    const side = this.config.inputSide;
    const heatmaps: Float32Array[] = [];
    for (const session of this.members) {
      const out = await session.run({ [this.config.input]: { data: input, dims: [1, 1, side, side] } });
      heatmaps.push(out[this.config.output]!.data as Float32Array);
    }
    return heatmaps;
  }

  async detect(image: GrayImage, minConfidence = 0): Promise<Detection> {
    const members = await this.memberHeatmaps(detectorInput(image, this.config.inputSide));
    return this.fromHeatmaps(members, image.width, image.height, minConfidence);
  }

  /** Boxes from member heatmaps (exposed so that evaluation runs exactly the served arithmetic). */
  fromHeatmaps(members: readonly Float32Array[], width: number, height: number, minConfidence = 0): Detection {
    const cells = members[0]!.length;
    const side = Math.round(Math.sqrt(cells));
    const heatmap = new Float32Array(cells);
    for (const m of members) for (let i = 0; i < cells; i++) heatmap[i]! += m[i]! / members.length;
    const { a, b } = this.config.calibration;
    const lesions: DetectedLesion[] = [];
    for (const box of heatmapBoxes(heatmap, side, width, height, this.config.candidateThreshold)) {
      const confidence = sigmoid(a * logit(box.score) + b);
      if (confidence < minConfidence) continue;
      const peaks = members.map((m) => box.cells.reduce((best, c) => Math.max(best, m[c]!), 0));
      const mean = peaks.reduce((s, p) => s + p, 0) / peaks.length;
      const std = Math.sqrt(peaks.reduce((s, p) => s + (p - mean) ** 2, 0) / peaks.length);
      const mutualInformation = Math.max(0, entropy(mean) - peaks.reduce((s, p) => s + entropy(p), 0) / peaks.length);
      lesions.push({ bbox: box.bbox, confidence, score: box.score, epistemic: { std, mutualInformation } });
    }
    return { lesions, heatmap, side };
  }
}
