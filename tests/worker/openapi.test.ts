import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { json, problemOf } from "./fixtures.ts";

interface Parameter {
  name: string;
  in: string;
  schema?: { example?: unknown };
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref?: string; example?: unknown } }> };
  responses: Record<string, { headers?: Record<string, unknown> }>;
}
interface Document {
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { example?: unknown }>; securitySchemes: Record<string, { scheme: string }> };
}

const documentOf = async () => (await (await SELF.fetch("http://api/openapi.json")).json()) as Document;

function operations(doc: Document): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => [method, path, op] as [string, string, Operation]),
  );
}

describe("the OpenAPI document a generator can use as is", () => {
  it("gives every operation a unique operationId and declares bearer auth and servers", async () => {
    const doc = await documentOf();
    const ids = operations(doc).map(([, , op]) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(doc.servers.length).toBeGreaterThan(0);
  });

  it("documents 405 and 429 and the X-Request-Id header on every response", async () => {
    for (const [method, path, op] of operations(await documentOf())) {
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["200", "405", "429"]));
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.headers?.["X-Request-Id"], `${method} ${path} ${status}`).toBeDefined();
      }
    }
  });

  it("runs every operation's documented example with a 2xx", async () => {
    const doc = await documentOf();
    for (const [method, path, op] of operations(doc)) {
      let url = path;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) {
        const value = p.schema?.example;
        if (value === undefined) continue;
        if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
        else query.set(p.name, String(value));
      }
      const schema = op.requestBody?.content["application/json"]?.schema;
      const example = schema?.$ref ? doc.components.schemas[schema.$ref.split("/").pop()!]?.example : schema?.example;
      const init: RequestInit = example === undefined ? { method: method.toUpperCase() } : json(example);
      const res = await SELF.fetch(`http://api${url}${query.size ? `?${query}` : ""}`, {
        ...init,
        headers: { ...init.headers, accept: "application/json" },
      });
      expect(res.status, `${method} ${url}: ${await res.clone().text()}`).toBeLessThan(300);
      await res.arrayBuffer();
    }
  });

  it("serves /openapi.json and /docs with an ETag, Cache-Control and 304 on revalidation", async () => {
    for (const path of ["/openapi.json", "/docs"]) {
      const first = await SELF.fetch(`http://api${path}`);
      await first.arrayBuffer();
      const etag = first.headers.get("etag");
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(first.headers.get("cache-control")).toContain("max-age");
      const again = await SELF.fetch(`http://api${path}`, { headers: { "if-none-match": etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      const changed = await SELF.fetch(`http://api${path}`, { headers: { "if-none-match": '"other"' } });
      expect(changed.status).toBe(200);
      await changed.arrayBuffer();
    }
  });
});

describe("mutually exclusive request fields (oneOf)", () => {
  const cases: [string, unknown][] = [
    ["/v1/uncertainty", {}],
    ["/v1/uncertainty", { members: [[0.5, 0.5]], logits: [[1, 2]] }],
    ["/v1/classify/demo-classifier", {}],
    ["/v1/classify/demo-classifier", { text: "a", texts: ["b"] }],
  ];

  it("refuses none or several of the alternatives with one clear 422 at the body", async () => {
    for (const [path, body] of cases) {
      const res = await SELF.fetch(`http://api${path}`, json(body));
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      const p = await problemOf(res);
      expect(p).toMatchObject({ code: "validation-failed" });
      expect(p.detail).toContain("exactly one of");
      expect(p.errors).toEqual([expect.objectContaining({ pointer: "" })]);
    }
  });

  it("points at the wrong value inside the one alternative that was sent", async () => {
    const res = await SELF.fetch("http://api/v1/uncertainty", json({ logits: [[1, "x"]] }));
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors).toContainEqual(expect.objectContaining({ pointer: "/logits/0/1" }));
  });

  it("refuses evidence and evidenceBatch together on the SPN queries", async () => {
    const res = await SELF.fetch("http://api/v1/spn/example/mpe", json({ evidence: {}, evidenceBatch: [{}] }));
    expect(res.status).toBe(422);
  });
});
