import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../shared/artifacts/registry.ts";
import type { Classifier } from "../../../shared/classify/classifier.ts";
import { classifierLoader } from "../../../shared/classify/loader.ts";
import { createRng, standardNormal, uniformInt } from "../../../shared/numeric/rng.ts";
import { directorySource } from "../../../shared/node/model-source.ts";
import { createNodeSession } from "../../../shared/node/onnx-session.ts";
import { TEXT_FIXTURE_TOKENIZER } from "../../../trainers/onnx/bag-of-embeddings.ts";
import { textFixtureArtifact } from "../../../trainers/classifier-demo/text-fixture.ts";
import { addModel } from "../../../trainers/model-add/add-model.ts";
import { writeClassifierFolder } from "../../../trainers/model-add/write-folder.ts";
import { encodeOnnxModel } from "../../../trainers/onnx/model-proto.ts";

const dir = mkdtempSync(join(tmpdir(), "model-add-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A linear 4 → 3 classifier whose logits are 6× too large, and labelled data for it. */
function overconfidentModel() {
  const rng = createRng(1);
  const w = Float32Array.from({ length: 12 }, (_, k) => (Math.floor(k / 4) === k % 4 ? 6 : 0)); // logit c = 6 x_c
  const onnx = encodeOnnxModel({
    name: "linear",
    inputs: [{ name: "x", elemType: "float32", dims: ["n", 4] }],
    outputs: [{ name: "scores", elemType: "float32", dims: ["n", 3] }],
    initializers: [
      { name: "W", dims: [3, 4], data: w },
      { name: "b", dims: [3], data: new Float32Array(3) },
    ],
    nodes: [{ opType: "Gemm", inputs: ["x", "W", "b"], outputs: ["scores"], attributes: { transB: 1 } }],
  });
  const labels = Array.from({ length: 300 }, () => uniformInt(rng, 3));
  const inputs = labels.map((y) => Array.from({ length: 4 }, (_, d) => (d === y ? 1 : 0) + standardNormal(rng)));
  return { onnx, inputs, labels: labels.map((y) => ["a", "b", "c"][y]!) };
}

const load = async (modelsDir: string, name: string) =>
  (
    await new ModelRegistry(directorySource(modelsDir), { classifier: classifierLoader(createNodeSession) }).get(
      name,
      "classifier",
    )
  ).compiled;

describe("model:add", () => {
  it("fits T > 1 for an over-confident ONNX classifier and writes a folder the loader serves", async () => {
    const m = overconfidentModel();
    writeFileSync(join(dir, "linear.onnx"), m.onnx);
    writeFileSync(join(dir, "calib.json"), JSON.stringify({ inputs: m.inputs, labels: m.labels }));
    const artifact = await addModel({
      onnx: join(dir, "linear.onnx"),
      labels: ["a", "b", "c"],
      calibration: join(dir, "calib.json"),
      name: "linear",
      targetAccuracy: 0.9,
      command: "test",
      logits: "scores",
    });
    expect(artifact.calibration.temperature).toBeGreaterThan(2);
    expect(artifact.metrics.eceAfter as number).toBeLessThan(artifact.metrics.eceBefore as number);
    expect(artifact.config).toEqual({
      input: { kind: "tensor", name: "x", dims: [null, 4], dtype: "float32" },
      outputs: { logits: "scores" },
    });
    await writeClassifierFolder(join(dir, "models", "linear"), artifact);
    const result = await (await load(join(dir, "models"), "linear")).classify({ inputs: m.inputs.slice(0, 5) });
    expect(result.model.members).toBe(1);
    for (const p of result.predictions) {
      expect(Object.values(p.probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(p.uncertainty.epistemic).toBe(0);
    }
  });

  it("registers a text model with its tokenizer, finding the attention-mask input", async () => {
    writeFileSync(join(dir, "text.onnx"), textFixtureArtifact().onnx);
    writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(TEXT_FIXTURE_TOKENIZER));
    const texts = ["good movie", "bad movie", "great!", "awful.", "not good", "the movie was great"];
    writeFileSync(join(dir, "texts.json"), JSON.stringify({ texts, labels: [1, 0, 1, 0, 0, 1] }));
    const artifact = await addModel({
      onnx: join(dir, "text.onnx"),
      labels: ["negative", "positive"],
      calibration: join(dir, "texts.json"),
      name: "text",
      targetAccuracy: 0.8,
      command: "test",
      tokenizer: { json: TEXT_FIXTURE_TOKENIZER, source: join(dir, "tokenizer.json") },
    });
    expect(artifact.config.input).toEqual({
      kind: "text",
      name: "input_ids",
      mask: "attention_mask",
      maxTokens: 12,
      dtype: "int64",
    });
  });

  it("runs as a CLI: copies the graph, writes manifest.json with sha256, and refuses a bad label", async () => {
    const m = overconfidentModel();
    writeFileSync(join(dir, "calib.json"), JSON.stringify({ inputs: m.inputs, labels: m.labels }));
    const run = (...args: string[]) =>
      execFileSync(
        "npx",
        [
          "tsx",
          "trainers/model-add/main.ts",
          "--onnx",
          join(dir, "linear.onnx"),
          "--calibration",
          join(dir, "calib.json"),
          ...args,
        ],
        { stdio: "pipe" },
      );
    run("--labels", "a,b,c", "--logits", "scores", "--name", "cli-model", "--out", join(dir, "cli", "cli-model"));
    const manifest = JSON.parse(readFileSync(join(dir, "cli", "cli-model", "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ name: "cli-model", kind: "classifier", labels: ["a", "b", "c"] });
    expect(manifest.files.map((f: { role: string }) => f.role)).toEqual(["onnx", "config", "calibration"]);
    await expect(load(join(dir, "cli"), "cli-model")).resolves.toBeDefined(); // the registry checks every sha256
    expect(() => run("--labels", "a,b", "--logits", "scores", "--out", join(dir, "cli", "x"))).toThrow(
      /"c" is not one of a, b/,
    );
  }, 60_000);
});
