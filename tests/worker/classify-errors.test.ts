import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../shared/artifacts/manifest.ts";
import type { Calibration, ClassifierConfig } from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS, MAX_TEXT_CHARS, MAX_TEXTS } from "../../shared/classify/caps.ts";
import { appWith, json, problemOf } from "./fixtures.ts";
import { DEMO, demoVariant, golden, parse, post, textApp } from "./classify-fixtures.ts";

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
