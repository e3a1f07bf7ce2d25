import type { CurriculumOptions } from "./run-curriculum.ts";

export interface DetectorTrainOptions extends CurriculumOptions {
  seeds: number;
  /** Validation/test images per realistic preset (×3 presets). */
  evalPerPreset: number;
}

/**
 * Scaled down from the paper (10 rounds, 1,000 + 200 images per round, 5 + 30 search steps on
 * 30 images, 256² inputs) to fit a 2-core machine shared with other jobs; docs/lesion-detector-report.md states the same.
 */
export const FULL: DetectorTrainOptions = {
  side: 128,
  rounds: 4,
  trainImages: 200,
  validImages: 40,
  searchImages: 16,
  searchSteps: 6,
  gdrTarget: 0.5,
  learningRate: 3e-3,
  epochs: 2,
  batch: 16,
  positiveWeight: 4,
  seeds: 3,
  evalPerPreset: 30,
};

/** The CI slice: every stage runs, on a handful of images. */
export const TINY: DetectorTrainOptions = {
  ...FULL,
  side: 64,
  rounds: 2,
  trainImages: 16,
  validImages: 8,
  searchImages: 6,
  searchSteps: 1,
  epochs: 1,
  batch: 8,
  seeds: 1,
  evalPerPreset: 4,
};
