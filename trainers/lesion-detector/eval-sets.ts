import { PRESET_NAMES, type PresetName } from "../../shared/lesion/index.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import type { BackgroundPools } from "./backgrounds-split.ts";
import { makeExamples, type DetectorExample } from "./examples.ts";

export interface EvalSets {
  /** Validation backgrounds, lesions from each realistic preset in equal parts: picks rounds and models. */
  valid: DetectorExample[];
  /** Test backgrounds (never trained on), presets in equal parts. */
  test: DetectorExample[];
  /** The moderate-preset third of `test`. */
  testModerate: DetectorExample[];
  /** Test phantoms without lesions: false positives per image on a clean chest. */
  clean: DetectorExample[];
}

function byPreset(
  seed: number,
  pool: BackgroundPools["test"],
  perPreset: number,
  side: number,
): Record<PresetName, DetectorExample[]> {
  const rng = createRng(seed);
  return Object.fromEntries(
    PRESET_NAMES.map((p) => [p, makeExamples(rng, pool, perPreset, { preset: p }, side)]),
  ) as Record<PresetName, DetectorExample[]>;
}

/** Fixed seeds: every curriculum and seed is judged on the very same images. */
export function evalSets(pools: BackgroundPools, perPreset: number, side: number): EvalSets {
  const valid = byPreset(71, pools.valid, perPreset, side);
  const test = byPreset(72, pools.test, perPreset, side);
  return {
    valid: PRESET_NAMES.flatMap((p) => valid[p]),
    test: PRESET_NAMES.flatMap((p) => test[p]),
    testModerate: test.moderate,
    clean: makeExamples(
      createRng(73),
      pools.test.filter((b) => b.name.startsWith("phantom")),
      perPreset,
      "none",
      side,
    ),
  };
}
