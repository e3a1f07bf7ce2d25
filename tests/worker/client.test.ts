import { SELF } from "cloudflare:test";
import { encodeBase64 } from "../../shared/encoding/base64.ts";
import { describe, expect, it } from "vitest";
import { createProbableEdgeClient, multipartBody, type operations } from "../../client/index.ts";
import { decodePng } from "../../shared/image/png-codec.ts";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import { appWith } from "./fixtures.ts";

/** Every operation called through the typed client (probable-edge/client) against the worker. */
const called = new Set<keyof operations>();
const api = createProbableEdgeClient({
  baseUrl: "http://api",
  fetch: (request) => {
    return SELF.fetch(request);
  },
});
const pngBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe("the typed client against workerd", () => {
  it("calls the service operations", async () => {
    const health = await api.GET("/v1/health");
    expect(health.data?.status).toBe("ok");
    const list = await api.GET("/v1/models");
    expect(list.data?.models.map((m) => m.name)).toContain("demo-classifier");
    const model = await api.GET("/v1/models/{model}", { params: { path: { model: "demo-classifier" } } });
    expect(model.data?.kind).toBe("classifier");
    called.add("getHealth").add("listModels").add("getModel");
  });

  it("calls every SPN query with typed bodies and answers", async () => {
    const path = { model: "example" };
    const described = await api.GET("/v1/spn/{model}", { params: { path } });
    expect(described.data?.variables.length).toBeGreaterThan(0);
    const first = described.data!.variables[0]!;
    const state = first.states[0]!;
    const logProb = await api.POST("/v1/spn/{model}/logprob", {
      params: { path },
      body: { evidence: [{ [first.name]: state }] },
    });
    expect(logProb.data?.logProb).toHaveLength(1);
    const conditional = await api.POST("/v1/spn/{model}/conditional", {
      params: { path },
      body: { query: { [first.name]: state } },
    });
    expect(conditional.data && "prob" in conditional.data ? conditional.data.prob : -1).toBeGreaterThan(0);
    const marginals = await api.POST("/v1/spn/{model}/marginals", {
      params: { path },
      body: { evidenceBatch: [{}, {}] },
    });
    expect(marginals.data && "results" in marginals.data ? marginals.data.results : []).toHaveLength(2);
    const mpe = await api.POST("/v1/spn/{model}/mpe", { params: { path }, body: {} });
    expect(mpe.data && "assignment" in mpe.data ? Object.keys(mpe.data.assignment) : []).toContain(first.name);
    const sample = await api.POST("/v1/spn/{model}/sample", { params: { path }, body: { n: 2, seed: 1 } });
    expect(sample.data?.samples).toHaveLength(2);
    called
      .add("describeSpn")
      .add("spnLogprob")
      .add("spnConditional")
      .add("spnMarginals")
      .add("spnMpe")
      .add("spnSample");
  });

  it("calls uncertainty and classify, and gets their problems typed", async () => {
    const scores = await api.POST("/v1/uncertainty", {
      body: {
        logits: [
          [2, 0],
          [0, 2],
        ],
      },
    });
    expect(scores.data && "epistemic" in scores.data ? scores.data.epistemic : -1).toBeGreaterThan(0);
    const classified = await api.POST("/v1/classify/{model}", {
      params: { path: { model: "demo-classifier" } },
      body: { inputs: [[0.5, -1.2, 0.3, 0.9, -0.4, 1.1, 0.0, -0.7]] },
    });
    expect(classified.data?.predictions).toHaveLength(1);
    const refused = await api.POST("/v1/classify/{model}", {
      params: { path: { model: "no-such-model" } },
      body: { text: "x" },
    });
    expect(refused.error).toMatchObject({ status: 404, code: "unknown-model" });
    called.add("scoreUncertainty").add("classify");
  });

  it("gets a phantom as a PNG Blob and sends it back as a multipart upload", async () => {
    const phantom = await api.GET("/v1/lesions/phantom", {
      params: { query: { seed: 3, size: 128 } },
      parseAs: "blob",
    });
    expect(phantom.response.headers.get("content-type")).toBe("image/png");
    expect(phantom.response.headers.get("x-seed")).toBe("3");
    const image = phantom.data!;
    expect(decodePng(await pngBytes(image)).width).toBe(128);
    const simulated = await api.POST("/v1/lesions/simulate", {
      body: { image, seed: 5, count: 1, theta: [0.5, 0.5, 0.5, 0.5, 0.5] },
      bodySerializer: multipartBody,
    });
    expect(simulated.error).toBeUndefined();
    expect(simulated.data).toMatchObject({ width: 128, height: 128, background: "upload", seed: 5 });
    // theta travelled as a JSON part: the lesion was drawn from it.
    const lesions = simulated.data && "lesions" in simulated.data ? simulated.data.lesions : [];
    expect(lesions[0]?.theta).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    const asPng = await api.POST("/v1/lesions/simulate", {
      body: { size: 128, seed: 5 },
      headers: { accept: "image/png" },
      parseAs: "blob",
    });
    expect(decodePng(await pngBytes(asPng.data!)).width).toBe(128);
    expect(JSON.parse(asPng.response.headers.get("x-lesions")!)).toBeInstanceOf(Array);
    called.add("getPhantom").add("simulateLesions");
  });

  it("sends a radiograph to the lesion detector as JSON and as a multipart file", async () => {
    const phantom = await api.GET("/v1/lesions/phantom", {
      params: { query: { seed: 4, size: 128 } },
      parseAs: "blob",
    });
    const image = phantom.data!;
    const asFile = await api.POST("/v1/lesions/detect", {
      body: { image, minConfidence: 0 },
      bodySerializer: multipartBody,
    });
    expect(asFile.error).toBeUndefined();
    expect(asFile.data).toMatchObject({ model: "lesion-detector", width: 128, height: 128, members: 3 });
    const base64 = encodeBase64(await pngBytes(image));
    const asJson = await api.POST("/v1/lesions/detect", { body: { image: base64, minConfidence: 0 } });
    expect(asJson.data).toEqual(asFile.data);
    called.add("detectLesions");
  });

  it("sends the API key as a bearer token", async () => {
    const key = "client-key";
    const app = appWith({});
    const env = { API_KEYS: await sha256Hex(new TextEncoder().encode(key)) };
    const through = (apiKey?: string) =>
      createProbableEdgeClient({
        baseUrl: "http://api",
        ...(apiKey ? { apiKey } : {}),
        fetch: (request) => Promise.resolve(app.request(request, undefined, env)),
      });
    expect((await through().GET("/v1/health")).error).toMatchObject({ status: 401, code: "unauthorized" });
    expect((await through(key).GET("/v1/health")).data?.status).toBe("ok");
  });

  it("has called every operation in the served document", async () => {
    const doc = (await (await SELF.fetch("http://api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const documented = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect([...called].sort()).toEqual(documented.sort());
  });
});
