import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { loadSpn, sample } from "../../../shared/spn/index.ts";
import { serializeSpn } from "../../../trainers/spn/artifact.ts";
import { SMALL_CALIBRATION } from "../../../trainers/spn/calibration.ts";
import { priorTruthSpn } from "../../../trainers/spn/calibration-prior.ts";
import { trainChains } from "../../../trainers/spn/train-chains.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";

/**
 * The simulation-based-calibration truth (eval:spn:calibration, docs/spn-api.md) is only a valid
 * check if it is a draw from the prior of the very model that is trained: same region graph,
 * normalised weights, Bernoulli parameters in (0, 1).
 */
describe("truth drawn from the calibration model's prior", () => {
  it("has the trained model's graph, normalised sum weights and proper leaf parameters", () => {
    const options = { ...DEFAULT_TRAIN_OPTIONS, ...SMALL_CALIBRATION.train, seed: 7, traceRows: 100 };
    const truth = priorTruthSpn(createRng(1), 6, options);
    const rows = 200;
    const x = Uint8Array.from(sample(createRng(2), loadSpn(truth, "truth").spn, 0, rows));
    const trained = trainChains({ rows, cols: 6, x }, null, options);
    const model = JSON.parse(
      serializeSpn(
        trained.graph,
        trained.members,
        truth.variables.map((v) => v.name),
      ),
    );
    expect(model.nodes).toEqual(truth.nodes);
    let at = 0;
    for (const node of truth.nodes) {
      if (node.kind !== "sum") continue;
      const w = truth.members[0]!.weights.slice(at, (at += node.children.length));
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(at).toBe(truth.members[0]!.weights.length);
    expect(truth.members[0]!.leafParams.every((p) => p > 0 && p < 1)).toBe(true);
  });
});
