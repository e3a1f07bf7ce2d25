import { describe, expect, it } from "vitest";
import { InvalidArtifactError } from "../../../shared/errors.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import type { SpnStoredArtifact } from "../../../shared/spn/artifact-schema.ts";
import { loadSpn, sample } from "../../../shared/spn/index.ts";
import { pushRoundedWeights, roundParameter, withPosteriorMeans } from "../../../shared/spn/posterior-means.ts";
import { serializeSpn } from "../../../trainers/spn/artifact.ts";
import { knownSpn } from "../../../trainers/spn/calibration.ts";
import { train, type TrainResult } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";

/** A small binary model trained with the default (empirical-Bayes, sampled) leaf priors. */
function trained(): TrainResult {
  const rng = createRng(5);
  const truth = loadSpn(knownSpn(rng, 6, 3), "truth");
  const data = { rows: 300, cols: 6, x: Uint8Array.from(sample(rng, truth.spn, 0, 300)) };
  const structure = { sumComponents: 3, leafComponents: 3, partitions: 2, depth: 2 };
  return train(data, null, { ...DEFAULT_TRAIN_OPTIONS, structure, burnIn: 6, iterations: 6, thin: 2, members: 3 });
}

/** What the trainer's writer stored before binary models left their means out: its rounding, its order. */
function storedMeans(r: TrainResult, s: number): { weights: number[]; leafParams: number[] } {
  const g = r.graph;
  const m = r.members[s]!;
  const weights: number[] = [];
  for (let region = 0; region < g.regions; region++) {
    if (g.isLeaf[region] === 1) continue;
    const C = g.childCount[region]!;
    for (let k = 0; k < g.size[region]!; k++) {
      const from = g.edgeStart[region]! + k * C;
      pushRoundedWeights(m.weights, from, from + C, weights);
    }
  }
  return { weights, leafParams: Array.from(m.leafParams, roundParameter) };
}

describe("posterior means derived from a binary member's counts", () => {
  const r = trained();
  const artifact = JSON.parse(serializeSpn(r.graph, r.members, ["a", "b", "c", "d", "e", "f"])) as SpnStoredArtifact;

  it("are left out of the trainer's artifact and equal its means, bit for bit", () => {
    expect(artifact.members.every((m) => m.weights === undefined && m.leafParams === undefined)).toBe(true);
    const derived = withPosteriorMeans(artifact, "small");
    derived.members.forEach((m, s) => {
      const expected = storedMeans(r, s);
      expect(Float64Array.from(m.weights)).toEqual(Float64Array.from(expected.weights));
      expect(Float64Array.from(m.leafParams)).toEqual(Float64Array.from(expected.leafParams));
    });
  });

  it("load to the same compiled model as the means written out", () => {
    const full = { ...artifact, members: artifact.members.map((m, s) => ({ ...m, ...storedMeans(r, s) })) };
    const a = loadSpn(artifact, "small").spn.members;
    const b = loadSpn(full, "small").spn.members;
    a.forEach((m, s) => {
      expect(m.logWeights).toEqual(b[s]!.logWeights);
      expect(m.leafLogParams).toEqual(b[s]!.leafLogParams);
    });
  });

  it("refuse a member with neither parameters nor counts, or with only one of the two arrays", () => {
    const { posterior: _p, ...bare } = artifact.members[0]!;
    expect(() => loadSpn({ ...artifact, members: [bare] }, "small")).toThrow(/no posterior to derive them from/);
    const half = { ...artifact.members[0]!, weights: storedMeans(r, 0).weights };
    expect(() => loadSpn({ ...artifact, members: [half] }, "small")).toThrow(/given together or both left out/);
  });

  it("name the member when its counts are too short", () => {
    const m = artifact.members[0]!;
    const short = { ...m, posterior: { ...m.posterior!, leafStats: m.posterior!.leafStats.slice(0, 10) } };
    expect(() => loadSpn({ ...artifact, members: [short] }, "small")).toThrow(InvalidArtifactError);
  });
});
