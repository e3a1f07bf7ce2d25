import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { KindLoaders } from "../../shared/artifacts/registry.ts";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import { appWith, json, modelFolder, problemOf, tamper } from "./fixtures.ts";

const UNCERTAINTY = "/v1/uncertainty";
const VALID = {
  members: [
    [0.7, 0.3],
    [0.4, 0.6],
  ],
};

describe("service endpoints in workerd", () => {
  it("answers /v1/health with version, model counts, request id and Server-Timing", async () => {
    const res = await SELF.fetch("http://api/v1/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; models: { available: number } };
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(body.models.available).toBeGreaterThanOrEqual(0);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("server-timing")).toContain("total");
  });

  it("echoes a safe caller X-Request-Id and replaces an unsafe one", async () => {
    const ok = await SELF.fetch("http://api/v1/health", { headers: { "x-request-id": "abc-123" } });
    expect(ok.headers.get("x-request-id")).toBe("abc-123");
    const bad = await SELF.fetch("http://api/v1/health", { headers: { "x-request-id": "<script>" } });
    expect(bad.headers.get("x-request-id")).not.toBe("<script>");
  });

  it("serves an interactive docs page with no external assets", async () => {
    const res = await SELF.fetch("http://api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/openapi.json");
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
  });

  it("matches the golden OpenAPI 3.1 document", async () => {
    const res = await SELF.fetch("http://api/openapi.json");
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    await expect(JSON.stringify(doc, null, 2) + "\n").toMatchFileSnapshot("./golden/openapi.json");
  });
});

describe("problem+json for every error status", () => {
  it("returns 404 problem+json for an unknown route", async () => {
    const res = await SELF.fetch("http://api/v1/nope");
    expect(res.status).toBe(404);
    const p = await problemOf(res);
    expect(p).toMatchObject({ status: 404, code: "not-found", title: "Not found", instance: "/v1/nope" });
    expect(p.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("returns 405 with Allow for a wrong method", async () => {
    const res = await SELF.fetch("http://api/v1/health", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
    expect(await problemOf(res)).toMatchObject({ code: "method-not-allowed" });
  });

  it("returns 400 for malformed JSON", async () => {
    const res = await SELF.fetch(`http://api${UNCERTAINTY}`, json('{"members": [[0.5, 0.5]'));
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({ code: "malformed-json" });
  });

  it("returns 415 for a missing or wrong content type", async () => {
    for (const headers of [{}, { "content-type": "text/plain" }]) {
      const res = await SELF.fetch(`http://api${UNCERTAINTY}`, {
        method: "POST",
        headers,
        body: JSON.stringify(VALID),
      });
      expect(res.status).toBe(415);
      expect(await problemOf(res)).toMatchObject({ code: "unsupported-media-type" });
    }
  });

  it("returns 413 naming the cap for a body over MAX_JSON_BYTES", async () => {
    const app = appWith({});
    const res = await app.request(UNCERTAINTY, json(VALID), { MAX_JSON_BYTES: "16" });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).detail).toContain("MAX_JSON_BYTES = 16");
  });

  it("returns 413 for the default 1 MiB cap without reading past it", async () => {
    const big = JSON.stringify({ members: [[0.5, 0.5]], pad: "x".repeat(1_048_576) });
    const res = await SELF.fetch(`http://api${UNCERTAINTY}`, json(big));
    expect(res.status).toBe(413);
  });

  it("returns 422 with a pointer for a schema violation", async () => {
    const res = await SELF.fetch(`http://api${UNCERTAINTY}`, json({ members: [[0.5, "x"]] }));
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p.code).toBe("validation-failed");
    expect(p.errors).toContainEqual(expect.objectContaining({ pointer: "/members/0/1" }));
  });

  it("returns 500 without internals, logging the cause", async () => {
    const app = appWith({});
    app.get("/v1/boom", () => {
      throw new Error("secret internals");
    });
    const res = await app.request("/v1/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text)).toMatchObject({ code: "internal-error", status: 500 });
  });
});

describe("optional API keys", () => {
  const key = "s3cret-key";
  const env = async () => ({ API_KEYS: `0000,${await sha256Hex(new TextEncoder().encode(key))}` });

  it("leaves the API open when API_KEYS is unset", async () => {
    expect((await appWith({}).request("/v1/health")).status).toBe(200);
  });

  it("returns 401 problem+json without a key or with a wrong one", async () => {
    const app = appWith({});
    for (const headers of [{}, { authorization: "Bearer wrong" }, { authorization: key }]) {
      const res = await app.request("/v1/health", { headers }, await env());
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await problemOf(res)).toMatchObject({ code: "unauthorized" });
    }
  });

  it("accepts a valid bearer key and keeps /docs and /openapi.json public", async () => {
    const app = appWith({});
    const ok = await app.request("/v1/health", { headers: { authorization: `Bearer ${key}` } }, await env());
    expect(ok.status).toBe(200);
    expect((await app.request("/openapi.json", {}, await env())).status).toBe(200);
    expect((await app.request("/docs", {}, await env())).status).toBe(200);
  });
});

describe("model registry integrity", () => {
  // A stand-in spn loader (the file count, not an SpnModel): these tests check integrity, not compilation.
  const loaders = {
    spn: (_m: unknown, files: ReadonlyMap<string, Uint8Array>) => files.size,
  } as unknown as KindLoaders;

  it("lists a model, and verifies it on first use", async () => {
    const app = appWith({ good: await modelFolder("good", "spn", { "spn.json": "{}" }) }, loaders);
    const before = (await (await app.request("/v1/models")).json()) as { models: { status: string; sha256: string }[] };
    expect(before.models[0]).toMatchObject({ name: "good", kind: "spn", status: "not-loaded", bytes: 2 });
    expect(before.models[0]!.sha256).toBe(await sha256Hex(new TextEncoder().encode("{}")));
  });

  it("refuses a tampered file by sha256, naming it, while other models keep working", async () => {
    const bad = await modelFolder("bad", "spn", { "spn.json": '{"a":1}' });
    bad["spn.json"] = tamper(bad["spn.json"]!);
    const app = appWith({ bad, good: await modelFolder("good", "spn", { "spn.json": "{}" }) }, loaders);
    await expect(app.registry.get("bad")).rejects.toMatchObject({ code: "artifact-integrity" });
    await expect(app.registry.get("good")).resolves.toMatchObject({ compiled: 1 });
    const { models } = (await (await app.request("/v1/models")).json()) as {
      models: { name: string; status: string; detail?: string }[];
    };
    expect(models.find((m) => m.name === "bad")).toMatchObject({ status: "unavailable" });
    expect(models.find((m) => m.name === "bad")!.detail).toContain('file "spn.json" does not match its sha256');
    expect(models.find((m) => m.name === "good")).toMatchObject({ status: "ready" });
  });

  it("refuses a model whose file is missing", async () => {
    const folder = await modelFolder("gone", "spn", { "spn.json": "{}" });
    delete folder["spn.json"];
    const app = appWith({ gone: folder }, loaders);
    await expect(app.registry.get("gone")).rejects.toThrow('file "spn.json" is missing');
  });
});
