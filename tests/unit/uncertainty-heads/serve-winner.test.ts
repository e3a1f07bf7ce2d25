import { describe, expect, it } from "vitest";
import type { CandidateReport, Comparison } from "../../../trainers/uncertainty-heads/comparison.ts";
import type { Method } from "../../../trainers/uncertainty-heads/methods.ts";
import { serveWinner } from "../../../trainers/uncertainty-heads/serve-winner.ts";
import type { ComparisonSets } from "../../../trainers/uncertainty-heads/comparison-sets.ts";

const head = { members: 1, classes: 2, features: 1, weights: new Float64Array(2), bias: new Float64Array(2) };
const method = (key: string): Method => ({
  key,
  label: key,
  head,
  description: key,
  heldOut: key !== "single",
  family: key,
});
const candidate = (key: string, auroc: number, spam2Accuracy: number): CandidateReport => ({
  method: method(key),
  score: "entropy",
  temperature: 1,
  selection: { "spam-2": auroc, "hard-ham-1": auroc, "easy-ham-2": auroc, mean: auroc },
  selectionAccuracy: { "spam-2": spam2Accuracy, "hard-ham-1": 0.6, "easy-ham-2": 0.98 },
});
const comparison = (winner: CandidateReport, baseline: CandidateReport, served: CandidateReport): Comparison => ({
  candidates: [baseline, served, winner],
  winner,
  baseline,
  families: [],
  resamples: 1,
});
const sets = {} as ComparisonSets;
// A folder that does not exist: any attempt to change it would throw.
const nowhere = "/nonexistent/model";

describe("serving the uncertainty winner", () => {
  it("keeps serving as it is when softmax entropy wins", () => {
    const baseline = candidate("single", 0.8, 0.9);
    expect(serveWinner(nowhere, comparison(baseline, baseline, candidate("served", 0.7, 0.9)), sets, "cmd")).toMatch(
      /None beats single-head softmax entropy/,
    );
  });

  it("refuses a winner whose head answers a shifted group less accurately than the served head", () => {
    const c = comparison(
      candidate("vi-1-0.1", 0.85, 0.854),
      candidate("single", 0.78, 0.875),
      candidate("served", 0.75, 0.893),
    );
    expect(serveWinner(nowhere, c, sets, "cmd")).toMatch(/^Not served: .*spam-2 \(85\.4 % vs 89\.3 %\)/);
  });

  it("tries to serve a winner within the accuracy slack (and so touches the folder)", () => {
    const c = comparison(
      candidate("vi-1-0.1", 0.85, 0.89),
      candidate("single", 0.78, 0.875),
      candidate("served", 0.75, 0.893),
    );
    expect(() => serveWinner(nowhere, c, sets, "cmd")).toThrow(/ENOENT/);
  });
});
