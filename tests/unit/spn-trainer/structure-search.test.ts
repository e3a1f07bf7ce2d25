import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import type { BinaryData } from "../../../trainers/spn/dataset.ts";
import { ensembleFromScores } from "../../../trainers/spn/evaluate.ts";
import { holdOut } from "../../../trainers/spn/holdout.ts";
import { mutualInformation, mutualInformationSplit } from "../../../trainers/spn/mutual-information.ts";
import { buildRegionGraph } from "../../../trainers/spn/region-graph.ts";
import { miIndicators } from "../../../trainers/spn/mi-indicators.ts";
import {
  SEARCH_GRID,
  SHALLOW_CANDIDATES,
  SHORT_TABLE_ROWS,
  searchAndTrain,
  searchGrid,
} from "../../../trainers/spn/structure-search.ts";
import type { TrainResult } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";
import { tinyTable } from "./tiny-tabular.ts";

/**
 * Rows of 8 binary columns in two blocks: columns {0, 2, 4, 6} copy one fair coin (each flipped
 * with probability 0.05), columns {1, 3, 5, 7} another, independent of the first.
 */
function twoBlocks(rows: number, seed: number): BinaryData {
  const rng = createRng(seed);
  const x = new Uint8Array(rows * 8);
  for (let n = 0; n < rows; n++) {
    const coins = [uniformInt(rng, 2), uniformInt(rng, 2)];
    for (let d = 0; d < 8; d++) x[n * 8 + d] = coins[d % 2]! ^ (rng.nextFloat() < 0.05 ? 1 : 0);
  }
  return { rows, cols: 8, x };
}

describe("mutual-information region graph", () => {
  const data = twoBlocks(2000, 1);
  const mi = mutualInformation(data);

  it("measures dependence: about ln 2 - H(0.095) within a block, about 0 across blocks, symmetric", () => {
    // Two noisy copies of one coin disagree with probability 2 * 0.05 * 0.95 = 0.095.
    const h = -(0.095 * Math.log(0.095) + 0.905 * Math.log(0.905));
    expect(mi[0 * 8 + 2]).toBeCloseTo(Math.log(2) - h, 1);
    expect(mi[0 * 8 + 1]).toBeLessThan(0.005);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) expect(mi[i * 8 + j]).toBe(mi[j * 8 + i]);
  });

  it("halves a scope along the blocks from any random start, where a random split mixes them", () => {
    const rng = createRng(3);
    for (let t = 0; t < 20; t++) {
      const [left, right] = mutualInformationSplit(rng, [0, 1, 2, 3, 4, 5, 6, 7], mi, 8);
      expect([left, right].map((h) => h.join(",")).sort()).toEqual(["0,2,4,6", "1,3,5,7"]);
    }
    const random = buildRegionGraph(createRng(3), 8, { sumComponents: 2, leafComponents: 2, partitions: 4, depth: 1 });
    const scopes = Array.from({ length: random.regions }, (_, r) =>
      random.isLeaf[r] === 1
        ? Array.from(random.scopeVars.subarray(random.scopeStart[r]!, random.scopeStart[r]! + random.scopeLength[r]!))
        : [],
    );
    expect(scopes.filter((s) => s.length > 0).some((s) => new Set(s.map((d) => d % 2)).size === 2)).toBe(true);
  });

  it("refuses split mi without the matrix", () => {
    expect(() =>
      buildRegionGraph(createRng(1), 8, { sumComponents: 2, leafComponents: 2, partitions: 2, depth: 1, split: "mi" }),
    ).toThrow(/mutual-information/);
  });
});

describe("mutual information of a mixed table", () => {
  // c0 and c1 continuous and nearly equal, c2 continuous and independent, c3 binary copying the
  // sign of c0, c4 a 3-state categorical copying c2's tercile, c5 continuous, missing in every
  // fifth row and otherwise copying c2.
  const rng = createRng(5);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  const rows = Array.from({ length: 600 }, (_, n) => {
    const a = gauss();
    const b = gauss();
    return [a, a + 0.05 * gauss(), b, a > 0 ? 1 : 0, b < -0.43 ? 0 : b < 0.43 ? 1 : 2, n % 5 === 0 ? null : b];
  });
  const data = tinyTable(
    ["continuous", "continuous", "continuous", "binary", "categorical", "continuous"],
    [0, 0, 0, 2, 3, 0],
    rows,
  );
  const mi = mutualInformation(miIndicators(data));
  const at = (i: number, j: number): number => mi[i * 6 + j]!;

  it("sees dependence between continuous, binary and categorical columns (raw state codes would not)", () => {
    expect(at(0, 1)).toBeGreaterThan(0.5);
    expect(at(0, 3)).toBeGreaterThan(0.5);
    expect(at(2, 4)).toBeGreaterThan(0.1);
    expect(at(2, 5)).toBeGreaterThan(0.2);
    for (const [i, j] of [
      [0, 2],
      [1, 2],
      [3, 4],
      [0, 5],
    ])
      expect(at(i!, j!)).toBeLessThan(0.01);
    // The state codes themselves: every continuous cell is code 0, so only smoothing noise is left.
    expect(mutualInformation(data)[0 * 6 + 1]).toBeLessThan(0.01);
  });

  it("keeps the dependent columns together when halving", () => {
    const [left, right] = mutualInformationSplit(createRng(2), [0, 1, 2, 3, 4, 5], mi, 6);
    expect([left, right].map((h) => h.join(",")).sort()).toEqual(["0,1,3", "2,4,5"]);
  });

  it("passes DEBD 0/1 data through unchanged", () => {
    const bin = twoBlocks(50, 9);
    expect(miIndicators(bin)).toBe(bin);
  });
});

describe("the default grid follows the table's shape", () => {
  it("adds the wide shallow candidates below SHORT_TABLE_ROWS rows and only there", () => {
    expect(searchGrid(SHORT_TABLE_ROWS)).toEqual(SEARCH_GRID);
    expect(searchGrid(16181)).toEqual(SEARCH_GRID);
    expect(searchGrid(341)).toEqual([...SEARCH_GRID, ...SHALLOW_CANDIDATES]);
    expect(SHALLOW_CANDIDATES.every((c) => c.structure.depth === 1)).toBe(true);
  });
});

describe("held-out validation rows", () => {
  it("splits off a seeded tenth, disjoint, in file order, the same for the same seed", () => {
    const data = { rows: 50, cols: 1, x: Uint8Array.from({ length: 50 }, (_, n) => n) };
    const a = holdOut(data, 0.1, 4);
    expect(a.valid.rows).toBe(5);
    expect(a.train.rows).toBe(45);
    expect([...a.train.x, ...a.valid.x].sort((p, q) => p - q)).toEqual([...data.x]);
    expect([...a.valid.x]).toEqual([...a.valid.x].sort((p, q) => p - q));
    expect([...holdOut(data, 0.1, 4).valid.x]).toEqual([...a.valid.x]);
    expect([...holdOut(data, 0.1, 5).valid.x]).not.toEqual([...a.valid.x]);
  });
});

describe("structure search", () => {
  it("records every candidate of every round, keeps the better half on validation LL, and trains the winner last", () => {
    const train = twoBlocks(400, 2);
    const valid = twoBlocks(200, 3);
    const grid = [
      {
        label: "tiny random",
        structure: { partitions: 1, sumComponents: 1, leafComponents: 1, depth: 1, split: "random" as const },
      },
      {
        label: "mi",
        structure: { partitions: 2, sumComponents: 2, leafComponents: 2, depth: 1, split: "mi" as const },
      },
      {
        label: "random",
        structure: { partitions: 2, sumComponents: 2, leafComponents: 2, depth: 1, split: "random" as const },
      },
    ];
    const o = { ...DEFAULT_TRAIN_OPTIONS, budgetS: 3, burnIn: 1e9, iterations: 1e9, validSchedule: true };
    const found = searchAndTrain(train, valid, o, [valid], grid);
    const rounds = found.candidates.map((c) => c.round);
    expect(rounds).toEqual([1, 1, 1, 2, 2, "final"]);
    const first = found.candidates.slice(0, 3).sort((p, q) => q.validLogLikelihood - p.validLogLikelihood);
    expect(
      found.candidates
        .slice(3, 5)
        .map((c) => c.label)
        .sort(),
    ).toEqual(
      first
        .slice(0, 2)
        .map((c) => c.label)
        .sort(),
    );
    const second = found.candidates.slice(3, 5).sort((p, q) => q.validLogLikelihood - p.validLogLikelihood);
    expect(found.winner.label).toBe(second[0]!.label);
    // One product of independent Bernoullis cannot model the two coins: it must lose round 1.
    expect(first[2]!.label).toBe("tiny random");
    // The final record scores the returned chain's members on the validation rows.
    expect(found.candidates.at(-1)!.validLogLikelihood).toBeCloseTo(
      ensembleFromScores(found.result.memberScores[0]!),
      12,
    );
    expect(found.candidates.at(-1)!.label).toBe(found.winner.label);
    const total = found.candidates.reduce((acc, c) => acc + c.seconds, 0);
    expect(total).toBeLessThan(3 * 1.5);
  });

  it("does not carry a candidate that cannot be served with even one member, however good", () => {
    const tiny = { partitions: 1, sumComponents: 1, leafComponents: 1, depth: 1, split: "random" as const };
    const grid = [
      {
        label: "mi",
        structure: { partitions: 2, sumComponents: 2, leafComponents: 2, depth: 1, split: "mi" as const },
      },
      { label: "tiny", structure: tiny },
    ];
    const o = { ...DEFAULT_TRAIN_OPTIONS, budgetS: 2, burnIn: 1e9, iterations: 1e9, validSchedule: true };
    const valid = twoBlocks(200, 3);
    const tinyEdges = buildRegionGraph(createRng(1), 8, tiny).edges;
    // The tiny graph cannot model the two coins (it loses on validation LL), but "mi" measures as unservable.
    const measure = (r: TrainResult) => ({ artifactBytes: 1, members: r.graph.edges > tinyEdges ? 0 : 10 });
    const found = searchAndTrain(twoBlocks(400, 2), valid, o, [valid], grid, undefined, undefined, measure);
    const [mi, small] = found.candidates;
    expect(mi!.validLogLikelihood).toBeGreaterThan(small!.validLogLikelihood);
    expect([mi!.members, small!.members]).toEqual([0, 10]);
    expect(found.winner.label).toBe("tiny");
  });
});
