import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng, standardNormal, uniformInt } from "../../../shared/numeric/rng.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { parseCliArgs } from "../../../trainers/spn/cli-args.ts";
import { runTrainer } from "../../../trainers/spn/cli.ts";
import { scoreModel } from "../../../trainers/spn/score.ts";

/** Two classes with different means of two measurements and a categorical; 5 % of cells blank. */
function writeTable(path: string, rows: number, seed: number): void {
  const rng = createRng(seed);
  const lines = ["size,weight,colour,class"];
  for (let n = 0; n < rows; n++) {
    const b = uniformInt(rng, 2);
    const cells = [
      (10 + 4 * b + standardNormal(rng)).toFixed(3),
      (100 - 20 * b + 5 * standardNormal(rng)).toFixed(2),
      ["red", "green", "blue"][rng.nextFloat() < 0.8 ? b : 2]!,
      b === 1 ? "yes" : "no",
    ].map((c, d) => (d < 3 && rng.nextFloat() < 0.05 ? "" : c));
    lines.push(cells.join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

describe("mixed-table artifact", () => {
  const dir = mkdtempSync(join(tmpdir(), "spn-tabular-"));
  const train = join(dir, "train.csv");
  const test = join(dir, "test.csv");
  writeTable(train, 240, 1);
  writeTable(test, 80, 2);
  const run = (out: string) => {
    const argv = [
      "--train",
      train,
      "--test",
      test,
      "--out",
      join(dir, out),
      "--seed",
      "5",
      "--burn-in",
      "6",
      "--iterations",
      "4",
      "--members",
      "2",
      "--sum-components",
      "3",
      "--leaf-components",
      "3",
      "--partitions",
      "2",
      "--depth",
      "1",
    ];
    return runTrainer(parseCliArgs(argv), argv, true);
  };
  const metrics = run("a/models/mix");
  run("b/models/mix");
  const text = readFileSync(join(dir, "a/models/mix/spn.json"), "utf8");

  it("is byte-identical for the same seed and arguments", () => {
    expect(readFileSync(join(dir, "b/models/mix/spn.json"), "utf8") === text).toBe(true);
  });

  it("serves named gaussian, categorical and bernoulli variables through the engine's loader", () => {
    const model = loadSpn(text, "mix");
    expect(model.variables.map((v) => [v.name, v.type, v.states])).toEqual([
      ["size", "gaussian", []],
      ["weight", "gaussian", []],
      ["colour", "categorical", ["blue", "green", "red"]],
      ["class", "bernoulli", ["no", "yes"]],
    ]);
    expect(metrics.testLogLikelihoodEnsemble).toBeGreaterThan(-12);
  });

  it("writes posterior statistics whose leaf counts add up to the observed cells of each column", () => {
    const spn = JSON.parse(text) as {
      nodes: { kind: string; variable?: number }[];
      weights: number[];
      members: { weights: number[]; posterior: { sumCounts: number[]; leafPriors: number[][]; leafStats: number[] } }[];
    };
    const observed = [0, 1, 2, 3].map(
      (d) =>
        readFileSync(train, "utf8")
          .trim()
          .split("\n")
          .slice(1)
          .filter((l) => l.split(",")[d] !== "").length,
    );
    const widths = [3, 3, 3, 2]; // gaussian [n, mean, m2], categorical 3 states, bernoulli [m0, m1]
    for (const m of spn.members) {
      expect(m.posterior.sumCounts).toHaveLength(m.weights.length);
      expect(m.posterior.leafPriors.map((p) => p.length)).toEqual([4, 4, 3, 2]);
      const total = [0, 0, 0, 0];
      let at = 0;
      for (const node of spn.nodes) {
        if (node.kind !== "leaf") continue;
        const d = node.variable!;
        const stats = m.posterior.leafStats.slice(at, at + widths[d]!);
        total[d]! += d < 2 ? stats[0]! : stats.reduce((s, v) => s + v, 0);
        at += widths[d]!;
      }
      expect(at).toBe(m.posterior.leafStats.length);
      // Each row's tree visits one leaf per variable; missing cells are not counted.
      expect(total).toEqual(observed);
    }
  });

  it("is scored by spn:score through the served engine: log-likelihood, accuracy, ECE, hidden features", async () => {
    const args = ["--model", join(dir, "a/models/mix"), "--data", test, "--target", "class", "--baseline-train", train];
    const full = await scoreModel(args);
    expect(full.rows).toBe(80);
    expect(full.rowsWithMissing).toBeGreaterThan(0);
    expect(full.accuracy).toBeGreaterThan(0.9);
    expect(full.ece as number).toBeLessThan(0.2);
    expect(full.logLikelihood as number).toBeGreaterThan(full.baselineIndependentGaussian as number);
    const hidden = await scoreModel([...args, "--hide", "0.5", "--seed", "3"]);
    expect(hidden.logLikelihood as number).toBeGreaterThan(full.logLikelihood as number); // fewer cells, less density to explain
  });

  it("makes spn:score exit 2 when an artifact fails its sha256 check", () => {
    writeFileSync(join(dir, "b/models/mix/spn.json"), text.replace('"size"', '"sizf"'));
    const cli = join(import.meta.dirname, "../../../trainers/spn/score.ts");
    const res = spawnSync(
      process.execPath,
      ["--import", "tsx", cli, "--model", join(dir, "b/models/mix"), "--data", test],
      { encoding: "utf8" },
    );
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/spn\.json.*sha256/);
  });
});
