import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, post } from "./spn-fixtures.ts";

/** A raw POST: the body as the client reads it, to check the streamed bytes themselves. */
async function raw(path: string, body: unknown): Promise<{ status: number; type: string | null; text: string }> {
  const res = await SELF.fetch(`${BASE}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

// /sample and batch /marginals write their JSON a chunk of rows at a time (functions/spn/json-rows.ts):
// the bytes must be those c.json would give, i.e. JSON.stringify of the parsed answer, across chunks.
describe("SPN answers streamed row by row", () => {
  it("sample: 700 rows (three chunks) are canonical JSON, in draw order", async () => {
    const many = await raw("sample", { n: 700, evidence: { flu: "yes" }, seed: 4 });
    expect(many.status).toBe(200);
    expect(many.type).toMatch(/^application\/json/);
    const body = JSON.parse(many.text) as { samples: Record<string, unknown>[]; seed: number };
    expect(many.text).toBe(JSON.stringify(body));
    expect(body.samples).toHaveLength(700);
    expect(body.seed).toBe(4);
    // The first draws of a seeded request do not depend on n.
    const few = await post("sample", { n: 5, evidence: { flu: "yes" }, seed: 4 });
    expect(body.samples.slice(0, 5)).toEqual(few.body.samples);
  });

  it("batch marginals: 300 rows are canonical JSON, each row its own answer", async () => {
    const rows = Array.from({ length: 300 }, (_, r) =>
      r % 3 === 0 ? { fever: "yes" } : r % 3 === 1 ? { cough: "no" } : {},
    );
    const batch = await raw("marginals", { evidenceBatch: rows });
    expect(batch.status).toBe(200);
    expect(batch.type).toMatch(/^application\/json/);
    const body = JSON.parse(batch.text) as { results: { marginals: { flu: { yes: number } } }[] };
    expect(batch.text).toBe(JSON.stringify(body));
    expect(body.results).toHaveLength(300);
    for (const r of [0, 255, 256, 257, 299]) {
      const one = await post("marginals", { evidence: rows[r] });
      expect(body.results[r]!.marginals.flu.yes).toBeCloseTo(one.body.marginals.flu.yes, 12);
    }
  });

  it("errors are still problems, sent before any row", async () => {
    const bad = await raw("sample", { n: 3, evidence: { flu: "maybe" } });
    expect(bad.status).toBe(422);
    expect(bad.type).toMatch(/^application\/problem\+json/);
  });
});
