import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/artifacts/sha256.ts";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { calibrateModel } from "../../../trainers/calibrate/calibrate-model.ts";
import { BadInputError, parseCsv, readLabelledFile } from "../../../trainers/calibrate/labelled-file.ts";

const LABELS = ["a", "b", "c"];

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "calibrate-")), name);
  writeFileSync(path, content);
  return path;
}

describe("calibrate: labelled files", () => {
  it("reads JSON Lines and CSV (quoted fields) with label names or indices", () => {
    expect(
      readLabelledFile(tempFile("x.jsonl", '{"text":"hi","label":"b"}\n{"text":"yo","label":2}\n'), LABELS),
    ).toEqual({ texts: ["hi", "yo"], labels: Int32Array.of(1, 2) });
    expect(parseCsv('text,label\n"a, ""quoted"" text",a\n')).toEqual([
      ["text", "label"],
      ['a, "quoted" text', "a"],
    ]);
    expect(readLabelledFile(tempFile("x.csv", "x1,x2,label\n0.5,1,c\n"), LABELS)).toEqual({
      inputs: [[0.5, 1]],
      labels: Int32Array.of(2),
    });
  });

  it("refuses a missing file, an empty file and a label outside the label set", () => {
    expect(() => readLabelledFile("/nonexistent.jsonl", LABELS)).toThrow(BadInputError);
    expect(() => readLabelledFile(tempFile("e.jsonl", "\n"), LABELS)).toThrow("empty");
    expect(() => readLabelledFile(tempFile("l.jsonl", '{"text":"hi","label":"zebra"}\n'), LABELS)).toThrow(
      'label "zebra" is not one of a, b, c',
    );
  });

  it("exits with code 2 and a clear message on bad input", () => {
    const run = spawnSync(
      "npx",
      ["tsx", "trainers/calibrate/main.ts", "--model", "models/demo-classifier", "--data", "/nonexistent.csv"],
      { encoding: "utf8" },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("calibrate: /nonexistent.csv: no such file");
    const badScore = spawnSync(
      "npx",
      [
        "tsx",
        "trainers/calibrate/main.ts",
        "--model",
        "models/demo-classifier",
        "--data",
        "x.csv",
        "--score",
        "softmax",
      ],
      { encoding: "utf8" },
    );
    expect(badScore.status).toBe(2);
    expect(badScore.stderr).toContain("--score softmax: one of lac, aps, raps");
    const badAlpha = spawnSync(
      "npx",
      [
        "tsx",
        "trainers/calibrate/main.ts",
        "--model",
        "models/demo-classifier",
        "--data",
        "x.csv",
        "--conformal",
        "0.1,1.5",
      ],
      { encoding: "utf8" },
    );
    expect(badAlpha.status).toBe(2);
    expect(badAlpha.stderr).toContain("--conformal 1.5");
  });
});

describe("calibrate: a classifier folder", () => {
  it("refits T with onnxruntime-node and rewrites calibration.json with a matching manifest sha256", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "calibrate-")), "demo-classifier");
    cpSync("models/demo-classifier", dir, { recursive: true });
    const rng = createRng(3);
    const lines = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({
        inputs: Array.from({ length: 8 }, () => 2 * standardNormal(rng)),
        label: ["alpha", "beta", "gamma"][i % 3],
      }),
    );
    const result = await calibrateModel(dir, tempFile("d.jsonl", lines.join("\n")));
    expect(result.examples).toBe(200);
    expect(result.after.nll).toBeLessThanOrEqual(result.before.nll + 1e-9);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
      files: { path: string; sha256: string }[];
    };
    const entry = manifest.files.find((f) => f.path === "calibration.json")!;
    expect(entry.sha256).toBe(await sha256Hex(new Uint8Array(readFileSync(join(dir, "calibration.json")))));
    expect(JSON.parse(readFileSync(join(dir, "calibration.json"), "utf8")).temperature).toBeCloseTo(
      result.temperature,
      12,
    );
  });

  it("stores Mondrian RAPS quantiles for the α asked and a risk-controlled rule with its δ", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "calibrate-")), "demo-classifier");
    cpSync("models/demo-classifier", dir, { recursive: true });
    const rng = createRng(4);
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ inputs: Array.from({ length: 8 }, () => standardNormal(rng)), label: i % 3 }),
    );
    const result = await calibrateModel(dir, tempFile("d.jsonl", lines.join("\n")), {
      alphas: [0.2, 0.1],
      score: "raps",
      mondrian: true,
      delta: 0.05,
      targetAccuracy: 0.5,
    });
    const stored = JSON.parse(readFileSync(join(dir, "calibration.json"), "utf8"));
    expect(stored.conformal).toMatchObject({ score: "raps", mondrian: true, lambda: 0.01, kReg: 1, examples: 300 });
    expect(stored.conformal.sets.map((s: { alpha: number }) => s.alpha)).toEqual([0.2, 0.1]);
    expect(stored.conformal.sets[0].thresholds).toHaveLength(3);
    expect(stored.abstain).toMatchObject({ delta: 0.05, targetAccuracy: 0.5 });
    // Random labels: a third right, so nothing can be certified at 50 % and the rule answers nothing.
    expect(result.rule).toMatchObject({ delta: 0.05, coverage: 0, errorBound: 1 });
  });
});
