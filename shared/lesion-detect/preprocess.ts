import type { GrayImage } from "../image/gray-image.ts";
import { resampleGray } from "../image/resize.ts";
import { DETECTOR_INPUT_SIDE } from "./detector-spec.ts";

/**
 * The detector's input: the image area-resized to side × side and standardised to zero mean and
 * unit variance. Standardising per image (not dividing by 255 or 65535) makes an 8-bit PNG, a
 * 16-bit DICOM and a phantom look alike to the network whatever their window. Trainer and server
 * both call this, so there is no train/serve skew in preprocessing.
 */
export function detectorInput(image: GrayImage, side = DETECTOR_INPUT_SIDE): Float32Array {
  const values = resampleGray(image, side, side);
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += (values[i]! - mean) ** 2;
  const scale = 1 / Math.sqrt(variance / values.length + 1e-6);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i]! - mean) * scale;
  return out;
}
