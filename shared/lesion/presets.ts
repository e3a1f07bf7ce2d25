import type { Rng } from "../numeric/rng.ts";
import type { Theta } from "./lesion-params.ts";

/** A difficulty preset: per theta component, the interval theta is drawn from uniformly. */
export type ThetaBox = readonly [
  readonly [number, number],
  readonly [number, number],
  readonly [number, number],
  readonly [number, number],
  readonly [number, number],
];

const ANY = [0, 1] as const;

/**
 * Named difficulty presets. Difficulty is driven mainly by peak opacity (theta3 -> scale) and
 * secondarily by edge softness (theta4 -> smoothArea) and texture roughness (theta1 ->
 * persistence): a faint, soft, noisy blob is hard to see; a dense, sharp, smooth one is easy.
 * This echoes the paper's finding that detectability is governed by these knobs (its GDR search
 * tunes theta toward a target score); the exact boxes are our choice, not the paper's.
 */
export const PRESETS = {
  subtle: [ANY, [0.5, 1], ANY, [0, 0.2], [0.6, 1]],
  moderate: [ANY, ANY, ANY, [0.3, 0.6], ANY],
  obvious: [ANY, [0, 0.5], ANY, [0.75, 1], [0, 0.4]],
} as const satisfies Record<string, ThetaBox>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: unknown): name is PresetName {
  return typeof name === "string" && Object.hasOwn(PRESETS, name);
}

/** Draws theta uniformly from a box (the full cube [0, 1]^5 when no preset is given). */
export function drawTheta(rng: Rng, box: ThetaBox = [ANY, ANY, ANY, ANY, ANY]): Theta {
  const t = box.map(([lo, hi]) => lo + (hi - lo) * rng.nextFloat());
  return [t[0]!, t[1]!, t[2]!, t[3]!, t[4]!];
}
