import { createRng } from "../../shared/numeric/rng.ts";
import { disposeMemoryModel, fitMemory, initMemoryModel, modelParameters } from "./model.ts";
import { randomTask } from "./task.ts";

export interface CapacitySettings {
  seqLength: number;
  vocab: number;
  classes: number;
  steps: number; // the training budget per probe
  rate: number;
  seed: number;
  maxN: number;
}

export interface Probe {
  n: number;
  accuracy: number;
  steps: number;
  memorised: boolean;
}

export interface CapacityRow {
  dim: number;
  parameters: number;
  largestMemorised: number; // the largest N probed that reached 100 % training accuracy
  smallestFailed: number | null; // the smallest N probed that did not (null: none up to maxN)
  probes: Probe[];
}

/** One probe: a fresh task of size n (seeded by seed and n) and a fresh model of width dim. */
export function probe(dim: number, n: number, s: CapacitySettings): Probe & { parameters: number } {
  const task = randomTask(createRng(s.seed * 7919 + n), n, s.seqLength, s.vocab, s.classes);
  const model = initMemoryModel(task, dim, s.seed);
  try {
    const fit = fitMemory(model, task, s.steps, s.rate);
    return {
      n,
      accuracy: fit.accuracy,
      steps: fit.steps,
      memorised: fit.accuracy === 1,
      parameters: modelParameters(model),
    };
  } finally {
    disposeMemoryModel(model);
  }
}

/**
 * Doubling from n = 8 until a probe fails, then bisection to a gap of <= 1/8 of the bracket's
 * lower end. Memorisation is not exactly monotone in N under a fixed budget (each N draws a
 * new task), so the row reports the bracket it found, not a sharp threshold.
 */
export function capacityForWidth(
  dim: number,
  s: CapacitySettings,
  onProbe: (p: Probe) => void = () => {},
): CapacityRow {
  const probes: Probe[] = [];
  let parameters = 0;
  const run = (n: number) => {
    const p = probe(dim, n, s);
    parameters = p.parameters;
    const { parameters: _, ...rest } = p;
    probes.push(rest);
    onProbe(rest);
    return p.memorised;
  };
  let lo = 0;
  let hi: number | null = null;
  for (let n = 8; n <= s.maxN; n *= 2) {
    if (run(n)) lo = n;
    else {
      hi = n;
      break;
    }
  }
  while (hi !== null && hi - lo > Math.max(1, Math.floor(lo / 8))) {
    const mid = Math.floor((lo + hi) / 2);
    if (run(mid)) lo = mid;
    else hi = mid;
  }
  return { dim, parameters, largestMemorised: lo, smallestFailed: hi, probes };
}
