import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Calibration, TextInput } from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS } from "../../shared/classify/caps.ts";
import { createRng, standardNormal } from "../../shared/numeric/rng.ts";
import { createSession } from "../../shared/onnx/session.ts";
import { classifierFiles, type ClassifierArtifact } from "../../trainers/model-add/classifier-files.ts";
import { textFixtureArtifact } from "../../trainers/classifier-demo/text-fixture.ts";
import { wordPieceSpecFiles } from "../../trainers/hf-export/wordpiece-json.ts";
import { TEXT_FIXTURE_TOKENIZER, textFixture } from "../../trainers/onnx/bag-of-embeddings.ts";
import { encodeOnnxModel } from "../../trainers/onnx/model-proto.ts";
import { appWith, json } from "./fixtures.ts";
import {
  type ClassifyBody,
  DEMO,
  TOL,
  demoFiles,
  expectClose,
  golden,
  parse,
  post,
  textApp,
} from "./classify-fixtures.ts";

describe("ONNX Runtime Web inside workerd", () => {
  it("gives the demo model's features and logits as onnxruntime-node does, within 1e-5", async () => {
    const session = await createSession(new Uint8Array(demoFiles["model.onnx"]!));
    const inputs = golden.demo.inputs;
    const out = await session.run({
      input: { data: Float32Array.from(inputs.flat()), dims: [inputs.length, inputs[0]!.length] },
    });
    for (const [name, rows] of Object.entries(golden.demo.onnx)) {
      const width = rows[0]!.length;
      expect(out[name]!.dims).toEqual([rows.length, width]);
      rows.forEach((row, r) =>
        row.forEach((v, j) =>
          expect(Math.abs((out[name]!.data[r * width + j] as number) - v)).toBeLessThanOrEqual(TOL),
        ),
      );
    }
  }, 120_000); // the first test pays ONNX Runtime Web's wasm start-up, slow on a loaded machine
});

describe("POST /v1/classify/{model}", () => {
  it("answers the golden inputs with onnxruntime-node's probabilities, uncertainty and abstentions, within 1e-5", async () => {
    const res = await SELF.fetch(DEMO, post({ inputs: golden.demo.inputs }));
    expect(res.status).toBe(200);
    expectClose(await res.json(), golden.demo.response);
  });

  it("tokenizes, masks and truncates texts for a text model, matching onnxruntime-node within 1e-5", async () => {
    const app = await textApp();
    const res = await app.request("/v1/classify/text-fixture", post({ texts: golden.text.texts }));
    expect(res.status).toBe(200);
    expectClose(await res.json(), golden.text.response);
    const one = (await (
      await app.request("/v1/classify/text-fixture", post({ text: golden.text.texts[0] }))
    ).json()) as ClassifyBody;
    expectClose(one.predictions, [golden.text.response.predictions[0]]);
  });

  it("returns calibrated probabilities that sum to 1, with MI >= 0 and total >= aleatoric", async () => {
    const rng = createRng(42);
    const inputs = Array.from({ length: MAX_INPUT_ROWS }, (_, i) =>
      Array.from({ length: 8 }, () => (1 + (i % 4)) * 2 * standardNormal(rng)),
    );
    const body = (await (await SELF.fetch(DEMO, post({ inputs }))).json()) as ClassifyBody;
    expect(body.predictions).toHaveLength(MAX_INPUT_ROWS);
    for (const p of body.predictions) {
      const probs = Object.values(p.probs);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(p.label).toBe(Object.entries(p.probs).sort((a, b) => b[1] - a[1])[0]![0]);
      expect(p.uncertainty.epistemic).toBeGreaterThanOrEqual(0);
      expect(p.uncertainty.total).toBeGreaterThanOrEqual(p.uncertainty.aleatoric);
      expect(p.uncertainty.aleatoric + p.uncertainty.epistemic).toBeCloseTo(p.uncertainty.total, 12);
    }
    expect(body.model).toMatchObject({ name: "demo-classifier", members: 10 });
  });

  it("answers concurrent requests on the one session exactly as sequential ones", async () => {
    const send = (i: number) => SELF.fetch(DEMO, post({ inputs: [[i, 0, 0, 0, 0, 0, 0, -i]] })).then((r) => r.text());
    const sequential: string[] = [];
    for (let i = 0; i < 8; i++) sequential.push(await send(i));
    expect(await Promise.all(Array.from({ length: 8 }, (_, i) => send(i)))).toEqual(sequential);
  });

  it("gives zero epistemic uncertainty and variance for a model with one member (no head posterior)", async () => {
    const res = await (await textApp()).request("/v1/classify/text-fixture", post({ texts: ["good movie", "awful"] }));
    const body = (await res.json()) as ClassifyBody;
    expect(body.model.members).toBe(1);
    for (const p of body.predictions) expect(p.uncertainty).toMatchObject({ epistemic: 0, variance: 0 });
  });

  it("abstains by the manifest's rule unless the request overrides metric or threshold", async () => {
    const inputs = golden.demo.inputs;
    const byDefault = (await (await SELF.fetch(DEMO, post({ inputs }))).json()) as ClassifyBody;
    const rule = parse<Calibration>("calibration.json").abstain;
    expect(byDefault.model.abstain).toEqual({
      metric: rule.metric,
      threshold: rule.threshold,
      targetAccuracy: rule.targetAccuracy,
      delta: rule.delta,
    });
    const never = (await (
      await SELF.fetch(DEMO, post({ inputs, abstain: { metric: "maxProb", threshold: 0 } }))
    ).json()) as ClassifyBody;
    expect(never.predictions.every((p) => !p.abstain)).toBe(true);
    const always = (await (
      await SELF.fetch(DEMO, post({ inputs, abstain: { metric: "total", threshold: -1 } }))
    ).json()) as ClassifyBody;
    expect(always.predictions.every((p) => p.abstain)).toBe(true);
    expect(always.model.abstain).toEqual({ metric: "total", threshold: -1 });
    // The squared-loss excess risk is a metric too: abstain exactly where it exceeds the threshold.
    const byRisk = (await (
      await SELF.fetch(DEMO, post({ inputs, abstain: { metric: "excessRisk", threshold: 1e-4 } }))
    ).json()) as ClassifyBody;
    for (const p of byRisk.predictions) expect(p.abstain).toBe(p.uncertainty.excessRisk > 1e-4);
  });
});

/** The text fixture with a Hugging Face tokenizer.json (same ids) and a dynamic sequence axis. */
async function hfTextApp() {
  const base = textFixtureArtifact();
  const fixture = textFixture();
  const graph = { ...fixture.graph, inputs: fixture.graph.inputs.map((v) => ({ ...v, dims: ["batch", "sequence"] })) };
  const files = wordPieceSpecFiles(TEXT_FIXTURE_TOKENIZER, fixture.maxTokens);
  const artifact: ClassifierArtifact = {
    ...base,
    name: "text-hf",
    onnx: encodeOnnxModel(graph),
    config: { ...base.config, input: { ...(base.config.input as TextInput), padTo: "longest" } },
    tokenizer: files.tokenizer,
    tokenizerConfig: files.config,
  };
  return appWith({ "text-fixture": await classifierFiles(base), "text-hf": await classifierFiles(artifact) });
}

describe("a text model with a Hugging Face tokenizer.json in workerd", () => {
  it("serves it with batches padded to the longest text, giving the fixed-length model's probabilities", async () => {
    const app = await hfTextApp();
    const texts = ["The movie was good!", "awful. not great", "Café GOODLY movie", "good ".repeat(20)];
    const [a, b] = await Promise.all(
      ["text-fixture", "text-hf"].map((m) => app.request(`/v1/classify/${m}`, post({ texts }))),
    );
    expect(a!.status).toBe(200);
    expect(b!.status).toBe(200);
    const [pa, pb] = [
      (await a!.json()) as { predictions: { probs: Record<string, number> }[] },
      (await b!.json()) as { predictions: { probs: Record<string, number> }[] },
    ];
    pb.predictions.forEach((p, i) => expect(p.probs.positive).toBeCloseTo(pa.predictions[i]!.probs.positive!, 6));
  });
});
