import { describe, expect, it } from "vitest";
import { createApp } from "../../functions/app.ts";
import { bundledRegistry } from "../../functions/bundled-registry.ts";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";

const KEY = "k-7d2f";

describe("API keys on every /v1 route", () => {
  it("refuses every operation in the OpenAPI document without a valid key, and admits it with one", async () => {
    const app = createApp({ registry: bundledRegistry });
    const env = { API_KEYS: await sha256Hex(new TextEncoder().encode(KEY)) };
    const doc = (await (await app.request("/openapi.json", {}, env)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({ method: method.toUpperCase(), path: path.replace("{model}", "example") })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const { method, path } of operations) {
      expect(path.startsWith("/v1/"), path).toBe(true);
      for (const authorization of [undefined, "Bearer nope", `Basic ${KEY}`]) {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (authorization) headers.authorization = authorization;
        const res = await app.request(path, { method, headers, ...(method === "POST" ? { body: "{}" } : {}) }, env);
        expect(res.status, `${method} ${path} with ${authorization}`).toBe(401);
      }
      const ok = await app.request(
        path,
        {
          method,
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
          ...(method === "POST" ? { body: "{}" } : {}),
        },
        env,
      );
      expect(ok.status, `${method} ${path} with the key`).not.toBe(401);
    }
  });
});
