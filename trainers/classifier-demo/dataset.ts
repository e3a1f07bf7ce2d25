import { createRng, standardNormal, uniformInt, type Rng } from "../../shared/numeric/rng.ts";

/**
 * The demo task: 8-D inputs from a Gaussian mixture, 3 balanced classes of 2 unit-variance
 * components each, component means drawn N(0, SPREAD² I). The classes overlap (the Bayes
 * accuracy is well below 1), so there is real aleatoric uncertainty to report. Two shifts
 * probe the epistemic part: a novel cluster (a 7th component, drawn like the others, that
 * training never saw) and far-away inputs (SHIFT_SCALE × a test input).
 */
export const DEMO_LABELS = ["alpha", "beta", "gamma"] as const;
export const DIM = 8;
export const COMPONENTS = 2;
export const SPREAD = 1.1;
export const SHIFT_SCALE = 4;

export interface Dataset {
  /** n × DIM, row-major. */
  x: Float64Array;
  y: Int32Array;
  n: number;
}

/** Component means, classes × COMPONENTS × DIM. */
export function mixtureMeans(rng: Rng): Float64Array {
  return Float64Array.from({ length: DEMO_LABELS.length * COMPONENTS * DIM }, () => SPREAD * standardNormal(rng));
}

export function sampleMixture(rng: Rng, means: Float64Array, n: number): Dataset {
  const x = new Float64Array(n * DIM);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % DEMO_LABELS.length; // balanced; order is shuffled by SGD anyway
    const component = uniformInt(rng, COMPONENTS);
    const mean = (label * COMPONENTS + component) * DIM;
    for (let d = 0; d < DIM; d++) x[i * DIM + d] = means[mean + d]! + standardNormal(rng);
    y[i] = label;
  }
  return { x, y, n };
}

/** Covariate shift: the same inputs pushed SHIFT_SCALE times further from the origin. */
export function scaled(data: Dataset): Dataset {
  return { x: data.x.map((v) => v * SHIFT_SCALE), y: data.y, n: data.n };
}

/** Inputs from an unseen unit-variance component whose mean is drawn like the others'. */
export function novelCluster(rng: Rng, n: number): Dataset {
  const mean = Float64Array.from({ length: DIM }, () => SPREAD * standardNormal(rng));
  const x = Float64Array.from({ length: n * DIM }, (_, i) => mean[i % DIM]! + standardNormal(rng));
  return { x, y: new Int32Array(n).fill(-1), n };
}

/**
 * The trainer's draws in its order: the generator seeded with `seed`, the mixture means, then the
 * train, valid and test splits. The generator is returned too (the trainer goes on drawing from it).
 */
export function demoSplits(seed: number, sizes: { train: number; valid: number; test: number }) {
  const rng = createRng(seed);
  const means = mixtureMeans(rng);
  const [train, valid, test] = [sizes.train, sizes.valid, sizes.test].map((n) => sampleMixture(rng, means, n)) as [
    Dataset,
    Dataset,
    Dataset,
  ];
  return { rng, means, train, valid, test };
}
