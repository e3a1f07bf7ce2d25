import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import type { Dataset } from "../classifier-demo/dataset.ts";

/**
 * A long-tailed subsample with the exponential profile of the long-tail benchmarks (Cui et al.
 * 2019, CIFAR-LT): class c keeps n_c = n_max · factor^(−c / (C − 1)) examples (rounded, at least
 * 1), where n_max is the smallest class's size in `data`, so n_0 / n_{C−1} = factor. Classes are
 * ranked by index: class 0 is the head, class C − 1 the tail.
 */
export function longTailCounts(available: ArrayLike<number>, factor: number): number[] {
  const classes = available.length;
  const nMax = Math.min(...Array.from(available));
  return Array.from({ length: classes }, (_, c) =>
    Math.max(1, Math.round(nMax * factor ** (-c / Math.max(1, classes - 1)))),
  );
}

/** Keeps a seeded random `counts[c]` examples of each class c (all of them if fewer exist). */
export function subsampleClasses(rng: Rng, data: Dataset, counts: readonly number[]): Dataset {
  const width = data.x.length / data.n;
  const byClass = counts.map(() => [] as number[]);
  for (let i = 0; i < data.n; i++) byClass[data.y[i]!]?.push(i);
  const kept: number[] = [];
  byClass.forEach((rows, c) => {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = uniformInt(rng, i + 1); // Fisher–Yates
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    kept.push(...rows.slice(0, counts[c]));
  });
  kept.sort((a, b) => a - b);
  const x = new Float64Array(kept.length * width);
  kept.forEach((row, k) => x.set(data.x.subarray(row * width, (row + 1) * width), k * width));
  return { x, y: Int32Array.from(kept, (row) => data.y[row]!), n: kept.length };
}
