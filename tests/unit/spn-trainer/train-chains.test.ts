import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { loadSpn, sample } from "../../../shared/spn/index.ts";
import { serializeSpn } from "../../../trainers/spn/artifact.ts";
import { knownSpn } from "../../../trainers/spn/calibration.ts";
import { parseCliArgs } from "../../../trainers/spn/cli-args.ts";
import type { BinaryData } from "../../../trainers/spn/dataset.ts";
import { train } from "../../../trainers/spn/train.ts";
import { trainChains } from "../../../trainers/spn/train-chains.ts";
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from "../../../trainers/spn/train-options.ts";

/** 200 rows of 6 binary variables from a known 3-component SPN (calibration.ts). */
function data(): BinaryData {
  const rng = createRng(5);
  const truth = loadSpn(knownSpn(rng, 6, 3), "truth");
  return { rows: 200, cols: 6, x: Uint8Array.from(sample(rng, truth.spn, 0, 200)) };
}

const options: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  empiricalBayes: false,
  structure: { sumComponents: 3, leafComponents: 3, partitions: 2, depth: 2 },
  burnIn: 6,
  iterations: 4,
  thin: 2,
  members: 4,
  seed: 3,
  traceRows: 50,
};
const names = ["a", "b", "c", "d", "e", "f"];

describe("independent chains (train-chains.ts)", () => {
  it("with one chain is the single-chain run, byte for byte", () => {
    const d = data();
    const one = train(d, null, options);
    const viaChains = trainChains(d, null, { ...options, chains: 1 });
    expect(serializeSpn(viaChains.graph, viaChains.members, names)).toBe(serializeSpn(one.graph, one.members, names));
  });

  it("pools S members from C chains over one region graph: chain 0 as alone, the others from their own starts", () => {
    const d = data();
    const pooled = trainChains(d, null, { ...options, chains: 2 });
    const chain0 = train(d, null, { ...options, members: 2 });
    expect(pooled.members).toHaveLength(4);
    expect(pooled.graph.edges).toBe(chain0.graph.edges);
    expect(Array.from(pooled.members[1]!.weights)).toEqual(Array.from(chain0.members[1]!.weights));
    expect(Array.from(pooled.members[2]!.weights)).not.toEqual(Array.from(chain0.members[0]!.weights));
    expect(pooled.sweeps).toBe(2 * chain0.sweeps);
    // the pooled ensemble is a valid artifact, and the same seed gives the same bytes
    const a = serializeSpn(pooled.graph, pooled.members, names);
    expect(() => loadSpn(a, "pooled")).not.toThrow();
    const again = trainChains(d, null, { ...options, chains: 2 });
    expect(serializeSpn(again.graph, again.members, names)).toBe(a);
  });

  it("is a CLI flag that needs explicit structure flags", () => {
    expect(parseCliArgs(["--train", "x.csv", "--out", "m/x", "--depth", "2", "--chains", "4"]).options.chains).toBe(4);
    expect(() => parseCliArgs(["--train", "x.csv", "--out", "m/x", "--chains", "4"])).toThrow(
      /--chains needs the structure/,
    );
    expect(() => parseCliArgs(["--train", "x.csv", "--out", "m/x", "--depth", "2", "--chains", "0"])).toThrow(
      /--chains must be an integer >= 1/,
    );
  });
});
