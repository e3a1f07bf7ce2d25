import type { DetectorCheckpoint } from "./checkpoint.ts";
import { CURRICULA, type CurriculumName } from "./curriculum.ts";

/** Two-sided 97.5 % Student-t quantiles for 1..9 degrees of freedom (n = 2..10 seeds). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];

export interface MeanInterval {
  mean: number;
  /** Half-width of the 95 % t-interval over seeds (null with one seed). */
  halfWidth: number | null;
  values: number[];
}

export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, halfWidth: null, values: [...values] };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, halfWidth: (T975[Math.min(n - 2, T975.length - 1)]! * sd) / Math.sqrt(n), values: [...values] };
}

export interface CurriculumSummary {
  curriculum: CurriculumName;
  validFauc: MeanInterval;
  testFauc: MeanInterval;
  moderateSensitivityAt1: MeanInterval;
  cleanFpPerImage: MeanInterval;
}

export function summarise(c: DetectorCheckpoint): CurriculumSummary[] {
  return CURRICULA.filter((name) => c.runs.some((r) => r.curriculum === name)).map((name) => {
    const runs = c.runs.filter((r) => r.curriculum === name);
    return {
      curriculum: name,
      validFauc: meanInterval(runs.map((r) => r.validFauc)),
      testFauc: meanInterval(runs.map((r) => r.test.fauc)),
      moderateSensitivityAt1: meanInterval(runs.map((r) => r.testModerate.sensitivityAt1)),
      cleanFpPerImage: meanInterval(runs.map((r) => r.cleanFpPerImage)),
    };
  });
}

export function formatInterval(m: MeanInterval, digits = 3): string {
  return m.halfWidth === null ? m.mean.toFixed(digits) : `${m.mean.toFixed(digits)} ± ${m.halfWidth.toFixed(digits)}`;
}
