import { readFileSync, writeFileSync } from "node:fs";
import type { RunResult } from "./experiment.ts";
import type { DetectorWeights } from "./network.ts";
import type { DetectorTrainOptions } from "./options.ts";

/** Everything the export and the report need, so they can be redone without retraining. */
export interface DetectorCheckpoint {
  options: DetectorTrainOptions;
  command: string;
  realBackgrounds: { train: string[]; valid: string[]; test: string[] };
  runs: (Omit<RunResult, "weights" | "test" | "testModerate"> & {
    weights: { filter: number[]; bias: number[] }[];
    test: Omit<RunResult["test"], "labelled">;
    testModerate: Omit<RunResult["testModerate"], "labelled">;
  })[];
  seconds: number;
}

export function weightsFromJson(w: DetectorCheckpoint["runs"][number]["weights"]): DetectorWeights {
  return w.map((l) => ({ filter: Float32Array.from(l.filter), bias: Float32Array.from(l.bias) }));
}

export function toCheckpointRun(r: RunResult): DetectorCheckpoint["runs"][number] {
  const { labelled: _t, ...test } = r.test;
  const { labelled: _m, ...testModerate } = r.testModerate;
  return {
    ...r,
    test,
    testModerate,
    weights: r.weights.map((l) => ({ filter: Array.from(l.filter), bias: Array.from(l.bias) })),
  };
}

export function saveCheckpoint(path: string, c: DetectorCheckpoint): void {
  writeFileSync(path, JSON.stringify(c));
}

export function loadCheckpoint(path: string): DetectorCheckpoint {
  return JSON.parse(readFileSync(path, "utf8")) as DetectorCheckpoint;
}
