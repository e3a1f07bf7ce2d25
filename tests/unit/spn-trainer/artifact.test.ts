import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestSchema } from "../../../shared/artifacts/manifest.ts";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { parseCliArgs } from "../../../trainers/spn/cli-args.ts";
import { runTrainer } from "../../../trainers/spn/cli.ts";
import { searchGrid } from "../../../trainers/spn/structure-search.ts";
import { checkArtifact, naiveLogProb, type SpnJson } from "./check-artifact.ts";

/** 300 rows of 9 binary columns from a 3-component mixture of product distributions. */
function writeMixtureCsv(dir: string, name: string, rows: number, seed: number): string {
  const rng = createRng(seed);
  const centres = [0.1, 0.5, 0.9].map((b) => Array.from({ length: 9 }, (_, d) => (d % 3 === 0 ? 1 - b : b)));
  const lines = Array.from({ length: rows }, () => {
    const c = centres[uniformInt(rng, 3)]!;
    return c.map((p) => (rng.nextFloat() < p ? 1 : 0)).join(",");
  });
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("written artifact", () => {
  const dir = mkdtempSync(join(tmpdir(), "spn-trainer-"));
  const trainCsv = writeMixtureCsv(dir, "mix.train.data", 300, 1);
  const testCsv = writeMixtureCsv(dir, "mix.test.data", 100, 2);
  const run = (out: string, sampler = "hybrid") => {
    const argv = [
      "--train",
      trainCsv,
      "--test",
      testCsv,
      "--out",
      join(dir, out),
      "--sampler",
      sampler,
      "--seed",
      "9",
      "--burn-in",
      "4",
      "--iterations",
      "4",
      "--thin",
      "2",
      "--members",
      "2",
      "--sum-components",
      "3",
      "--leaf-components",
      "3",
      "--partitions",
      "2",
      "--depth",
      "2",
    ];
    return runTrainer(parseCliArgs(argv), argv, true);
  };

  it("is byte-identical for the same seed and arguments", () => {
    run("a/models/mix");
    run("b/models/mix");
    const a = readFileSync(join(dir, "a/models/mix/spn.json"));
    expect(a.equals(readFileSync(join(dir, "b/models/mix/spn.json")))).toBe(true);
  });

  it.each(["topdown", "bottomup", "hybrid"])(
    "is a valid, normalised, decomposable SPN whose likelihood the trainer reported (%s)",
    (sampler) => {
      const metrics = run(`${sampler}/models/mix`, sampler);
      const spn = JSON.parse(readFileSync(join(dir, `${sampler}/models/mix/spn.json`), "utf8")) as SpnJson;
      expect(checkArtifact(spn)).toEqual([]);
      // The serving engine's own loader (schema, normalisation, scopes, reachability) accepts it too.
      expect(loadSpn(readFileSync(join(dir, `${sampler}/models/mix/spn.json`), "utf8"), "mix").memberCount).toBe(2);
      expect(spn.members).toHaveLength(2);
      expect(spn.variables.map((v) => v.name)).toEqual(Array.from({ length: 9 }, (_, d) => `x${d}`));
      // Ensemble test log-likelihood recomputed from the file by naive recursion (rounding: 1e-4).
      const rows = readFileSync(testCsv, "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(",").map(Number));
      const ensemble =
        rows.reduce((acc, x) => {
          const p = spn.members.reduce((s, _, i) => s + Math.exp(naiveLogProb(spn, i, x)), 0) / spn.members.length;
          return acc + Math.log(p);
        }, 0) / rows.length;
      expect(ensemble).toBeCloseTo(metrics.testLogLikelihoodEnsemble as number, 4);
      const manifest = ManifestSchema.parse(
        JSON.parse(readFileSync(join(dir, `${sampler}/models/mix/manifest.json`), "utf8")),
      );
      expect(manifest.files.map((f) => f.role)).toEqual(["spn", "trace"]);
      expect(manifest.training.command).toContain(`--sampler ${sampler}`);
    },
  );

  it("by default chooses the structure on a seeded tenth of train held out, and records every candidate", () => {
    const argv = ["--train", trainCsv, "--test", testCsv, "--out", join(dir, "search/models/mix"), "--budget-s", "3"];
    const args = parseCliArgs(argv);
    expect(args.search).toBe(true);
    expect(args.options.validSchedule).toBe(true);
    const metrics = runTrainer(args, argv, true);
    expect(metrics.trainRows).toBe(270);
    expect(metrics.validation).toMatch(/seeded 10 %/);
    expect(Number.isFinite(metrics.validLogLikelihoodEnsemble)).toBe(true);
    const manifest = ManifestSchema.parse(
      JSON.parse(readFileSync(join(dir, "search/models/mix/manifest.json"), "utf8")),
    );
    const search = manifest.training.search as { label: string; round: number | string; validLogLikelihood: number }[];
    // 300 rows: a short table, so the four-candidate grid plus the two shallow ones (three rounds).
    expect(search.map((c) => c.round)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, "final"]);
    expect(search.filter((c) => c.round === 1).map((c) => c.label)).toEqual(searchGrid(270).map((c) => c.label));
    expect(search.at(-1)!.label).toBe(metrics.structureChosen);
    expect(search.at(-1)!.validLogLikelihood).toBeCloseTo(metrics.validLogLikelihoodEnsemble as number, 3);
    expect(checkArtifact(JSON.parse(readFileSync(join(dir, "search/models/mix/spn.json"), "utf8")) as SpnJson)).toEqual(
      [],
    );
  });

  it("runs one chain when a structure flag is given, and refuses an unknown --split", () => {
    expect(parseCliArgs(["--train", trainCsv, "--out", "m/x", "--partitions", "2"]).search).toBe(false);
    expect(parseCliArgs(["--train", trainCsv, "--out", "m/x", "--region-graph", "mi"]).options.structure.split).toBe(
      "mi",
    );
    expect(parseCliArgs(["--train", trainCsv, "--out", "m/x", "--depth", "2"]).options.budgetS).toBeNull();
    expect(() => parseCliArgs(["--train", trainCsv, "--out", "m/x", "--region-graph", "chow"])).toThrow(
      /--region-graph must be random or mi/,
    );
  });
});
