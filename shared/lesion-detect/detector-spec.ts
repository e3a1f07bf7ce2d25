/**
 * The lesion detector's architecture as data, so that the trainer (tfjs), the ONNX exporter and
 * the server agree on it: a small fully convolutional network from a standardised side × side
 * gray image to a lesion-probability heatmap at 1/OUTPUT_STRIDE resolution. Dilated 3×3
 * convolutions grow the receptive field to 32 input pixels (the largest lesion at 128 px is
 * ~19 px across) without more pooling, which would drop the smallest lesions (~5 px).
 */
export type DetectorLayer =
  | { kind: "conv"; kernel: number; inputs: number; outputs: number; dilation: number; relu: boolean }
  | { kind: "maxpool"; size: number };

export const DETECTOR_INPUT_SIDE = 128;
export const OUTPUT_STRIDE = 2;

export const DETECTOR_LAYERS: readonly DetectorLayer[] = [
  { kind: "conv", kernel: 3, inputs: 1, outputs: 8, dilation: 1, relu: true },
  { kind: "maxpool", size: 2 },
  { kind: "conv", kernel: 3, inputs: 8, outputs: 16, dilation: 1, relu: true },
  { kind: "conv", kernel: 3, inputs: 16, outputs: 16, dilation: 2, relu: true },
  { kind: "conv", kernel: 3, inputs: 16, outputs: 16, dilation: 4, relu: true },
  { kind: "conv", kernel: 1, inputs: 16, outputs: 1, dilation: 1, relu: false },
];

/** Heatmap side for an input side (every conv is "same"-padded; each pool halves, rounding up). */
export function heatmapSide(inputSide: number): number {
  return DETECTOR_LAYERS.reduce((s, l) => (l.kind === "maxpool" ? Math.ceil(s / l.size) : s), inputSide);
}
