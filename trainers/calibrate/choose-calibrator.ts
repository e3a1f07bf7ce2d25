import { fitEnsembleTemperature } from "../../shared/calibration/ensemble-temperature.ts";
import type { CalibrationMap } from "../../shared/classify/artifact-schema.ts";
import { calibratedLogProbsInto, compileCalibrator, logMeanInto } from "../../shared/classify/calibrator.ts";
import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import { fitHistogramMap, fitIsotonicMap, fitMatrixMap } from "./fit-map.ts";

/**
 * Chooses the calibrator by K-fold cross-validated NLL of the served prediction (member average),
 * refitting the temperature and the map inside every fold, so no candidate is scored on the
 * examples it was fitted on. Temperature scaling stays unless a candidate's held-out NLL is
 * lower by more than one standard error of the per-example paired difference (a tie keeps the
 * one-parameter map).
 */
export const CALIBRATOR_CANDIDATES = [
  "temperature",
  "vector",
  "dirichlet-0.001",
  "dirichlet-0.01",
  "dirichlet-0.1",
  "isotonic",
  "histogram",
] as const;
export type Candidate = (typeof CALIBRATOR_CANDIDATES)[number];

export interface Fitted {
  method: "temperature-scaling" | "vector-scaling" | "dirichlet" | "isotonic" | "histogram-binning";
  temperature: number;
  map?: CalibrationMap;
}

/** Member log-probabilities at temperature T (N × M × C), the input of every map. */
export function logProbsAt(
  memberLogits: Float64Array,
  rows: number,
  members: number,
  classes: number,
  temperature: number,
  map?: CalibrationMap,
): Float64Array {
  const cal = compileCalibrator({ temperature, map }, classes);
  const out = new Float64Array(rows * members * classes);
  const scratch = new Float64Array(classes);
  for (let i = 0; i < rows; i++)
    calibratedLogProbsInto(cal, memberLogits, i * members * classes, members, out, i * members * classes, scratch);
  return out;
}

/** Fits one candidate on the given rows. */
export function fitCandidate(
  candidate: Candidate,
  memberLogits: Float64Array,
  y: Int32Array,
  members: number,
  classes: number,
): Fitted {
  const { temperature } = fitEnsembleTemperature(memberLogits, y, members, classes);
  if (candidate === "temperature") return { method: "temperature-scaling", temperature };
  const L = logProbsAt(memberLogits, y.length, members, classes, temperature);
  if (candidate === "vector")
    return {
      method: "vector-scaling",
      temperature,
      map: fitMatrixMap(L, y, members, classes, { diagonal: true, lambda: 0, mu: 1e-3 }),
    };
  if (candidate.startsWith("dirichlet")) {
    const lambda = Number(candidate.slice("dirichlet-".length));
    return {
      method: "dirichlet",
      temperature,
      map: fitMatrixMap(L, y, members, classes, { diagonal: false, lambda, mu: lambda }),
    };
  }
  if (candidate === "isotonic") return { method: "isotonic", temperature, map: fitIsotonicMap(L, y, members) };
  return { method: "histogram-binning", temperature, map: fitHistogramMap(L, y, members) };
}

/** Per-example NLL of the served member average under a fitted calibrator. */
export function servedNll(
  f: Fitted,
  memberLogits: Float64Array,
  y: Int32Array,
  members: number,
  classes: number,
): Float64Array {
  const L = logProbsAt(memberLogits, y.length, members, classes, f.temperature, f.map);
  const logMean = new Float64Array(classes);
  return Float64Array.from(y, (yi, i) => {
    logMeanInto(L.subarray(i * members * classes, (i + 1) * members * classes), members, classes, logMean);
    return -logMean[yi]!;
  });
}

export interface CandidateScore {
  candidate: Candidate;
  cvNll: number;
  /** Mean paired difference to temperature scaling and its standard error. */
  vsTemperature: number;
  standardError: number;
}

export interface Choice {
  chosen: Candidate;
  scores: CandidateScore[];
  folds: number;
}

export function chooseCalibrator(
  rng: Rng,
  memberLogits: Float64Array,
  y: Int32Array,
  members: number,
  classes: number,
  candidates: readonly Candidate[],
  folds = 5,
): Choice {
  const n = y.length;
  const fold = Int32Array.from({ length: n }, (_, i) => i % folds);
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    [fold[i], fold[j]] = [fold[j]!, fold[i]!];
  }
  const perRow = members * classes;
  const pick = (keep: (i: number) => boolean) => {
    const idx = Array.from({ length: n }, (_, i) => i).filter(keep);
    const z = new Float64Array(idx.length * perRow);
    idx.forEach((i, k) => z.set(memberLogits.subarray(i * perRow, (i + 1) * perRow), k * perRow));
    return { idx, z, y: Int32Array.from(idx, (i) => y[i]!) };
  };
  const usable = candidates.filter((c) => classes === 2 || (c !== "isotonic" && c !== "histogram"));
  const heldOut = new Map(usable.map((c) => [c, new Float64Array(n)]));
  for (let k = 0; k < folds; k++) {
    const train = pick((i) => fold[i] !== k);
    const test = pick((i) => fold[i] === k);
    if (test.idx.length === 0 || train.idx.length === 0) continue;
    for (const c of usable) {
      const nll = servedNll(fitCandidate(c, train.z, train.y, members, classes), test.z, test.y, members, classes);
      test.idx.forEach((i, j) => (heldOut.get(c)![i] = nll[j]!));
    }
  }
  const base = heldOut.get("temperature") ?? new Float64Array(n);
  const scores = usable.map((candidate): CandidateScore => {
    const v = heldOut.get(candidate)!;
    const d = v.map((x, i) => x - base[i]!);
    const mean = d.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1));
    return {
      candidate,
      cvNll: v.reduce((s, x) => s + x, 0) / n,
      vsTemperature: mean,
      standardError: sd / Math.sqrt(n),
    };
  });
  const winners = scores
    .filter((s) => s.candidate !== "temperature" && s.vsTemperature < -s.standardError)
    .sort((a, b) => a.cvNll - b.cvNll);
  return { chosen: winners[0]?.candidate ?? "temperature", scores, folds };
}
