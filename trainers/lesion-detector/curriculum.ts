import type { Theta } from "../../shared/lesion/index.ts";
import type { LesionChoice } from "../lesion-dataset/make-sample.ts";

export const CURRICULA = ["gdr", "uniform", "easy-to-hard"] as const;
export type CurriculumName = (typeof CURRICULA)[number];

/**
 * Round k's FAUC target (k = 1..rounds), or null when the curriculum does not search theta:
 * GDR holds a middling target (lesions neither too easy nor too hard for the current detector);
 * easy-to-hard walks from 1.0 down, the paper's 1.0 − 0.1 (k − 1) over 10 rounds stretched to
 * span the same 1.0 → 0.1 range in however many rounds are run.
 */
export function roundTarget(name: CurriculumName, k: number, rounds: number, gdrTarget: number): number | null {
  if (name === "uniform") return null;
  if (name === "gdr") return gdrTarget;
  return rounds === 1 ? 1 : 1 - (0.9 * (k - 1)) / (rounds - 1);
}

/** Lesions for a round's training images: theta found by the search, or uniform per lesion. */
export function roundLesions(theta: Theta | null): LesionChoice {
  return theta === null ? {} : { theta };
}

/** The 5 fixed starting points of the theta search (the cube's centre and four spread corners). */
export const SEARCH_STARTS: readonly Theta[] = [
  [0.5, 0.5, 0.5, 0.5, 0.5],
  [0.2, 0.8, 0.2, 0.2, 0.8],
  [0.8, 0.2, 0.8, 0.8, 0.2],
  [0.2, 0.2, 0.8, 0.5, 0.5],
  [0.8, 0.8, 0.2, 0.5, 0.5],
];
