import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MODEL_FILES } from "../../models/index.ts";
import type { Manifest } from "../../shared/artifacts/manifest.ts";
import type { Calibration, ClassifierConfig, Head, TextInput } from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS, MAX_TEXT_CHARS, MAX_TEXTS } from "../../shared/classify/caps.ts";
import { createRng, standardNormal } from "../../shared/numeric/rng.ts";
import { createSession } from "../../shared/onnx/session.ts";
import { classifierFiles, type ClassifierArtifact } from "../../trainers/model-add/classifier-files.ts";
import { textFixtureArtifact } from "../../trainers/classifier-demo/text-fixture.ts";
import { wordPieceSpecFiles } from "../../trainers/hf-export/wordpiece-json.ts";
import { TEXT_FIXTURE_TOKENIZER, textFixture } from "../../trainers/onnx/bag-of-embeddings.ts";
import { encodeOnnxModel } from "../../trainers/onnx/model-proto.ts";
import goldenImport from "../unit/classify/golden/onnx-reference.json";
import { appWith, json, problemOf } from "./fixtures.ts";

// The worker tsconfig types every .json as bytes (the models/ Data rule); outside models/ the
// pool hands over parsed JSON. Accept either.
const golden = (
  goldenImport instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(goldenImport)) : goldenImport
) as Golden;
interface Golden {
  tolerance: number;
  demo: { inputs: number[][]; onnx: Record<string, number[][]>; response: ClassifyBody };
  text: { texts: string[]; onnx: Record<string, number[][]>; response: ClassifyBody };
}
interface PredictionBody {
  label: string;
  probs: Record<string, number>;
  uncertainty: { total: number; aleatoric: number; epistemic: number; variance: number; excessRisk: number };
  abstain: boolean;
}
interface ClassifyBody {
  predictions: PredictionBody[];
  model: { name: string; temperature: number; members: number; abstain: { metric: string; threshold: number } };
}

const DEMO = "http://api/v1/classify/demo-classifier";
const TOL = golden.tolerance;
const demoFiles = MODEL_FILES["demo-classifier"]!;
const parse = <T>(file: string): T => JSON.parse(new TextDecoder().decode(demoFiles[file]!)) as T;

function expectClose(actual: unknown, expected: unknown, path = ""): void {
  if (typeof expected === "number")
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
  else if (expected !== null && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}/${k}`);
  } else expect(actual, path).toEqual(expected);
}

/** The demo model's artifact with some parts replaced, as an in-memory model folder. */
async function demoVariant(name: string, parts: Partial<ClassifierArtifact>) {
  const manifest = parse<Manifest>("manifest.json");
  const artifact: ClassifierArtifact = {
    name,
    version: manifest.version,
    description: "variant for tests",
    labels: manifest.labels!,
    onnx: new Uint8Array(demoFiles["model.onnx"]!),
    config: parse<ClassifierConfig>("classifier.json"),
    calibration: parse<Calibration>("calibration.json"),
    head: parse<Head>("head.json"),
    metrics: {},
    training: manifest.training,
    ...parts,
  };
  return classifierFiles({ ...artifact, name });
}

const textApp = async () => appWith({ "text-fixture": await classifierFiles(textFixtureArtifact()) });
const post = (body: unknown) => json(body);

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

describe("classification errors are problem+json", () => {
  const expect422 = async (res: Response, code: string, pointer: string, detail?: string) => {
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p.code).toBe(code);
    expect(p.errors).toContainEqual(expect.objectContaining({ pointer }));
    if (detail) expect(p.detail).toContain(detail);
  };

  it("returns 404 for an unknown model and for a model of another kind", async () => {
    const res = await SELF.fetch("http://api/v1/classify/no-such-model", post({ inputs: [[1]] }));
    expect(res.status).toBe(404);
    expect(await problemOf(res)).toMatchObject({ code: "unknown-model" });
    const spn = (await demoVariant("an-spn", {}))["manifest.json"]!;
    const manifest = JSON.parse(new TextDecoder().decode(spn)) as Manifest;
    const app = appWith(
      {
        "an-spn": {
          ...(await demoVariant("an-spn", {})),
          "manifest.json": new TextEncoder().encode(JSON.stringify({ ...manifest, kind: "spn" })),
        },
      },
      {},
    );
    const other = await app.request("/v1/classify/an-spn", post({ inputs: [[1]] }));
    expect(other.status).toBe(404);
    expect((await problemOf(other)).detail).toContain('no classifier model named "an-spn"');
  });

  it("returns 422 with a pointer for a row of the wrong width", async () => {
    const res = await SELF.fetch(
      DEMO,
      post({
        inputs: [
          [1, 2, 3, 4, 5, 6, 7, 8],
          [1, 2, 3],
        ],
      }),
    );
    await expect422(res, "invalid-input", "/inputs/1", "expects 8 per row");
  });

  it('returns 422 saying the model expects "inputs" when a numeric model gets text', async () => {
    await expect422(await SELF.fetch(DEMO, post({ text: "hello" })), "invalid-input", "/text", 'send "inputs"');
  });

  it("returns 422 when a text model gets inputs, or when the body has none or several inputs", async () => {
    const app = await textApp();
    await expect422(
      await app.request("/v1/classify/text-fixture", post({ inputs: [[1]] })),
      "invalid-input",
      "/inputs",
      'send "text" or "texts"',
    );
    await expect422(await SELF.fetch(DEMO, post({})), "validation-failed", "", "exactly one of");
    await expect422(
      await SELF.fetch(DEMO, post({ text: "a", inputs: [[1]] })),
      "validation-failed",
      "",
      "exactly one of",
    );
  });

  it("returns 422 for an empty or blank text", async () => {
    const app = await textApp();
    await expect422(
      await app.request("/v1/classify/text-fixture", post({ text: "" })),
      "invalid-input",
      "/text",
      "empty",
    );
    await expect422(
      await app.request("/v1/classify/text-fixture", post({ texts: ["good", "  "] })),
      "invalid-input",
      "/texts/1",
      "empty",
    );
    await expect422(await app.request("/v1/classify/text-fixture", post({ texts: [] })), "invalid-input", "/texts");
  });

  it("returns 422 naming the cap for a text too long, too many texts, or too many rows", async () => {
    const app = await textApp();
    const long = "good ".repeat(MAX_TEXT_CHARS / 5) + "!";
    await expect422(
      await app.request("/v1/classify/text-fixture", post({ text: long })),
      "cap-exceeded",
      "/text",
      `MAX_TEXT_CHARS is ${MAX_TEXT_CHARS}`,
    );
    const texts = new Array<string>(MAX_TEXTS + 1).fill("good");
    await expect422(
      await app.request("/v1/classify/text-fixture", post({ texts })),
      "cap-exceeded",
      "/texts",
      `MAX_TEXTS is ${MAX_TEXTS}; got 65`,
    );
    const inputs = new Array<number[]>(MAX_INPUT_ROWS + 1).fill(new Array<number>(8).fill(0));
    await expect422(
      await SELF.fetch(DEMO, post({ inputs })),
      "cap-exceeded",
      "/inputs",
      `MAX_INPUT_ROWS is ${MAX_INPUT_ROWS}`,
    );
  });

  it("returns 422 validation-failed with a pointer for a non-number in inputs", async () => {
    await expect422(await SELF.fetch(DEMO, post({ inputs: [[1, "x"]] })), "validation-failed", "/inputs/0/1");
  });

  it("returns 422 for a number outside float32, or inputs that overflow the model's float32 arithmetic", async () => {
    await expect422(
      await SELF.fetch(DEMO, post({ inputs: [[1e39, 0, 0, 0, 0, 0, 0, 0]] })),
      "invalid-input",
      "/inputs/0/0",
      "float32 range",
    );
    const huge = new Array<number>(8).fill(3e38);
    await expect422(
      await SELF.fetch(DEMO, post({ inputs: [[0, 0, 0, 0, 0, 0, 0, 0], huge] })),
      "invalid-input",
      "/inputs/1",
      "not finite",
    );
  });

  it("returns 503 for a model whose ONNX run fails, while other models keep answering", async () => {
    const config = parse<ClassifierConfig>("classifier.json");
    const wrongDims = { ...config, input: { ...config.input, dims: [null, 4] } } as ClassifierConfig;
    const app = appWith({
      broken: await demoVariant("broken", { config: wrongDims }),
      fine: await demoVariant("fine", {}),
    });
    const res = await app.request("/v1/classify/broken", post({ inputs: [[1, 2, 3, 4]] }));
    expect(res.status).toBe(503);
    const p = await problemOf(res);
    expect(p).toMatchObject({ code: "model-unavailable" });
    expect(p.detail).toContain('model "broken" is unavailable: ONNX Runtime failed');
    expect((await app.request("/v1/classify/fine", post({ inputs: golden.demo.inputs }))).status).toBe(200);
  });

  it("returns 503 for a model ONNX Runtime cannot load, naming the file, and lists it as unavailable", async () => {
    const app = appWith({
      garbage: await demoVariant("garbage", { onnx: new TextEncoder().encode("not an onnx model") }),
      fine: await demoVariant("fine", {}),
    });
    const res = await app.request("/v1/classify/garbage", post({ inputs: golden.demo.inputs }));
    expect(res.status).toBe(503);
    expect((await problemOf(res)).detail).toContain("could not load model.onnx");
    expect((await app.request("/v1/classify/fine", post({ inputs: golden.demo.inputs }))).status).toBe(200);
    const { models } = (await (await app.request("/v1/models")).json()) as {
      models: { name: string; status: string }[];
    };
    expect(models.find((m) => m.name === "garbage")).toMatchObject({ status: "unavailable" });
  });

  it("returns 503 invalid-artifact for a calibration file that breaks its schema", async () => {
    const calibration = { ...parse<Calibration>("calibration.json"), temperature: -1 };
    const app = appWith({ bad: await demoVariant("bad", { calibration }) });
    const res = await app.request("/v1/classify/bad", post({ inputs: golden.demo.inputs }));
    expect(res.status).toBe(503);
    expect(await problemOf(res)).toMatchObject({
      code: "invalid-artifact",
      detail: expect.stringContaining("calibration.json /temperature: "),
    });
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
