import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MODEL_FILES } from "../../models/index.ts";
import type { Manifest } from "../../shared/artifacts/manifest.ts";
import type { ModelInfo } from "../../shared/model-info.ts";
import { problemOf } from "./fixtures.ts";

const get = async (name: string) => SELF.fetch(`http://api/v1/models/${name}`);
const fileOf = <T>(model: string, file: string): T =>
  JSON.parse(new TextDecoder().decode(MODEL_FILES[model]![file]!)) as T;

describe("GET /v1/models/{model}", () => {
  it("describes the spam model: labels, text input with its tokenizer, pipeline and length, calibration, served metrics, card", async () => {
    const res = await get("spam-lpft");
    expect(res.status).toBe(200);
    const info = (await res.json()) as ModelInfo;
    const manifest = fileOf<Manifest>("spam-lpft", "manifest.json");
    const config = fileOf<{ input: { maxTokens: number; preprocess: string[] } }>("spam-lpft", "classifier.json");
    expect(info).toMatchObject({
      name: "spam-lpft",
      kind: "classifier",
      labels: ["ham", "spam"],
      endpoints: ["POST /v1/classify/spam-lpft"],
    });
    expect(info.input).toEqual({
      kind: "text",
      maxTokens: config.input.maxTokens,
      tokenizer: { type: "wordpiece", vocabSize: 3000 },
      preprocess: config.input.preprocess,
    });
    expect(info.input.kind === "text" && info.input.preprocess).toContain("email-message");
    expect(info.calibration).toEqual(fileOf("spam-lpft", "calibration.json"));
    expect(info.uncertainty.members).toBe(16);
    expect(info.metrics).toEqual(manifest.metrics);
    expect(info.metrics["served.test.accuracy"]).toBeGreaterThan(0.97);
    expect(info.card).toMatchObject({
      description: manifest.description,
      training: { command: manifest.training.command, seed: 7 },
    });
  });

  it("describes a numeric classifier by its input shape, and says when there is no head posterior", async () => {
    const info = (await (await get("demo-classifier")).json()) as ModelInfo;
    expect(info.input).toEqual({ kind: "numeric", shape: [null, 8], dtype: "float32" });
    expect(info.uncertainty.members).toBe(10);
  });

  it("describes an SPN by its variables and the operations that query it", async () => {
    const info = (await (await get("nltcs")).json()) as ModelInfo;
    expect(info.kind).toBe("spn");
    expect(info.input.kind).toBe("variables");
    expect(info.input.kind === "variables" && info.input.variables.length).toBe(16);
    expect(info.labels).toBeUndefined();
    expect(info.endpoints).toContain("POST /v1/spn/nltcs/conditional");
    expect(info.card.training.command).toContain("train:spn");
  });

  it("answers an unknown name with a 404 problem+json, a malformed one with a 422 pointing at it", async () => {
    const res = await get("no-such-model");
    expect(res.status).toBe(404);
    expect(await problemOf(res)).toMatchObject({
      status: 404,
      code: "unknown-model",
      detail: 'no model named "no-such-model"',
    });
    const bad = await get("Bad_Name");
    expect(bad.status).toBe(422);
    expect(((await problemOf(bad)).errors as { pointer: string }[])[0]!.pointer).toBe("/param/model");
  });
});
