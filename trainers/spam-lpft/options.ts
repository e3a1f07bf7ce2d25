import { tmpdir } from "node:os";
import { join } from "node:path";

/** Every knob of `npm run train:spam`; `tiny` is the CI slice that proves the pipeline end to end. */
export interface SpamOptions {
  /** Data split, vocabulary and pretraining. */
  seed: number;
  /** Fine-tuning: FT's random head and the batch order of FT and LP-FT (defaults to seed). */
  ftSeed: number;
  tiny: boolean;
  /** Examples kept per split and shifted group (Infinity = all). */
  limit: number;
  brownDocuments: number;
  vocabSize: number;
  dim: number;
  layers: number;
  heads: number;
  ffn: number;
  maxTokens: number;
  pretrainSteps: number;
  pretrainBatch: number;
  pretrainRate: number;
  ftEpochs: number;
  ftBatch: number;
  ftRate: number;
  members: number;
  lambda: number;
  headSteps: number;
  headRate: number;
  priorStd: number;
  targetAccuracy: number;
  out: string;
  docs: string;
  command: string;
}

export const FULL_OPTIONS: SpamOptions = {
  seed: 7,
  ftSeed: 7,
  tiny: false,
  limit: Infinity,
  brownDocuments: Infinity,
  vocabSize: 3000,
  dim: 64,
  layers: 2,
  heads: 4,
  ffn: 256,
  maxTokens: 128,
  pretrainSteps: 1500,
  pretrainBatch: 32,
  pretrainRate: 1e-3,
  ftEpochs: 10,
  ftBatch: 32,
  ftRate: 3e-4,
  members: 16,
  lambda: 0.05,
  headSteps: 400,
  headRate: 0.01,
  priorStd: 1,
  targetAccuracy: 0.99,
  out: "models/spam-lpft",
  docs: "docs",
  command: "npm run train:spam",
};

const CI_DIR = join(tmpdir(), "spam-lpft-ci");

/** A few hundred optimiser steps in all: under ~3 minutes on a loaded 2-core machine. */
export const TINY_OPTIONS: SpamOptions = {
  ...FULL_OPTIONS,
  tiny: true,
  limit: 48,
  brownDocuments: 6,
  vocabSize: 600,
  dim: 32,
  heads: 2,
  ffn: 64,
  maxTokens: 48,
  pretrainSteps: 30,
  pretrainBatch: 8,
  ftEpochs: 2,
  ftBatch: 16,
  ftRate: 1e-3,
  members: 8,
  headSteps: 60,
  targetAccuracy: 0.9,
  out: join(CI_DIR, "spam-lpft"),
  docs: CI_DIR,
  command: "npm run train:spam -- --tiny",
};
