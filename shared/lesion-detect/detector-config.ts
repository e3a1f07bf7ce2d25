import { z } from "zod";

/** models/<detector>/detector.json: how the server runs the ensemble and calibrates its peaks. */
export const DetectorConfigSchema = z.object({
  inputSide: z.number().int().min(16).max(1024),
  outputStride: z.number().int().min(1),
  /** Heatmap cells at or above this (ensemble-mean) probability form candidate lesions. */
  candidateThreshold: z.number().gt(0).lt(1),
  /** Platt scaling of the raw peak: confidence = σ(a · logit(peak) + b), fitted on validation. */
  calibration: z.object({ a: z.number(), b: z.number(), fittedOn: z.string() }),
  /** Names of the member ONNX files (role "onnx"), in order. */
  members: z.array(z.string()).min(1),
  input: z.string(),
  output: z.string(),
});
export type DetectorConfig = z.infer<typeof DetectorConfigSchema>;
