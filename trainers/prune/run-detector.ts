import { existsSync } from "node:fs";
import { createRng } from "../../shared/numeric/rng.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { backgroundPools } from "../lesion-detector/backgrounds-split.ts";
import { evalSets } from "../lesion-detector/eval-sets.ts";
import { detectorTarget, type DetectorPruneOptions } from "./detector-target.ts";
import { runImp, type ImpOptions, type ImpRow } from "./imp.ts";
import type { PruneTarget } from "./target.ts";

/** Sized for ~10 minutes on a loaded 2-core machine (the shipped trainer's per-member budget is ~7 min). */
export const DETECTOR_PRUNE: DetectorPruneOptions & { evalPerPreset: number } = {
  side: 128,
  earlyImages: 32,
  earlyEpochs: 1,
  trainImages: 128,
  epochs: 2,
  batch: 16,
  learningRate: 3e-3,
  positiveWeight: 4,
  chunk: 4,
  evalPerPreset: 30,
};

export const DETECTOR_IMP: Omit<ImpOptions, "rounds"> = {
  fraction: 0.2,
  sigmas: [0.003, 0.01, 0.03],
  passes: 4,
  delta: 0.05,
  vacuousAbove: 0.999,
};

export interface PruneRun {
  rows: ImpRow[];
  target: PruneTarget;
  boundSample: string;
  seconds: number;
}

/** IMP with rewinding on one detector member, the bound on its own training images. */
export async function pruneDetector(
  seed: number,
  rounds: number,
  cxr: string,
  onRow: (r: ImpRow) => void,
  o = DETECTOR_PRUNE,
): Promise<PruneRun & { sets: ReturnType<typeof evalSets> }> {
  const tf = await useWasmBackend();
  const started = performance.now();
  const pools = backgroundPools(o.side, existsSync(cxr) ? cxr : null);
  const sets = evalSets(pools, o.evalPerPreset, o.side);
  const target = detectorTarget(createRng(seed), tf, pools, sets, o);
  const rows = runImp(createRng(seed + 1), target, { ...DETECTOR_IMP, rounds }, onRow);
  return { rows, target, sets, boundSample: target.boundSample, seconds: (performance.now() - started) / 1000 };
}
