import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/**
 * Fuzzes every operation in the served OpenAPI document (so new endpoints are covered as they
 * land): random JSON, mutated examples, truncation, wrong types, huge and non-finite numbers,
 * deep nesting, long and odd Unicode strings, wrong or missing content types. Every answer must
 * be a 2xx or a 4xx problem+json — never a 5xx, never a hang.
 */
interface Operation {
  method: string;
  path: string;
  example: unknown;
}

const RUNS_PER_OPERATION = 60;

async function operations(): Promise<Operation[]> {
  const doc = (await (await SELF.fetch("http://api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    components?: { schemas?: Record<string, { example?: unknown }> };
  };
  const { models } = (await (await SELF.fetch("http://api/v1/models")).json()) as { models: { name: string; kind: string }[] };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const schema = op.requestBody?.content["application/json"]?.schema as { $ref?: string; example?: unknown } | undefined;
      const resolved = schema?.$ref ? doc.components?.schemas?.[schema.$ref.split("/").pop()!] : schema;
      const kind = path.includes("/spn/") ? "spn" : path.includes("/classify/") ? "classifier" : "";
      const model = models.find((m) => m.kind === kind)?.name ?? "example";
      ops.push({ method: method.toUpperCase(), path: path.replace("{model}", model), example: resolved?.example ?? {} });
    }
  }
  return ops;
}

/** "__inf__" is replaced by the literal 1e999, which JSON.parse turns into Infinity. */
/** A JSON-ish value that may hold what JSON.parse can produce but schemas rarely expect. */
const hostileLeaf = fc.oneof(
  fc.constantFrom(1e308, -1e308, "__inf__", -0, 2 ** 53 + 1, -1, 0, 1.5, "", "NaN", "Infinity", null, true, [], {}),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ minLength: 2000, maxLength: 5000 }),
  fc.double(),
);

function mutate(value: unknown, path: number[], leaf: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== "object") return leaf;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return leaf;
  const [key] = entries[path[0]! % entries.length]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  (copy as Record<string, unknown>)[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), leaf);
  return copy;
}

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

function bodies(example: unknown) {
  const text = JSON.stringify(example);
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: JSON.stringify(v), type: "application/json" })),
    fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), hostileLeaf).map(([path, leaf]) => ({
      body: JSON.stringify(mutate(example, path, leaf)).replace('"__inf__"', "1e999"),
      type: "application/json",
    })),
    fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => ({ body: text.slice(0, cut), type: "application/json" })),
    fc.integer({ min: 1, max: 100_000 }).map((d) => ({ body: nested(d), type: "application/json" })),
    fc.constantFrom("text/plain", "", "application/x-www-form-urlencoded", "application/json; charset=utf-16").map((type) => ({ body: text, type })),
  );
}

describe("fuzzing every endpoint inside workerd", () => {
  it("answers every hostile input with 2xx or 4xx problem+json, never 5xx", async () => {
    const tried: Record<string, number> = {};
    for (const op of await operations()) {
      const key = `${op.method} ${op.path}`;
      tried[key] = 0;
      const arbitrary = op.method === "GET" ? fc.constant({ body: undefined, type: "" }) : bodies(op.example);
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ body, type }) => {
          tried[key]!++;
          const headers: Record<string, string> = type ? { "content-type": type } : {};
          const res = await SELF.fetch(`http://api${op.path}`, { method: op.method, headers, body: body ?? null });
          const text = await res.text();
          expect(res.status, `${key} <- ${String(body).slice(0, 200)}\n${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get("content-type")).toBe("application/problem+json");
            expect(JSON.parse(text)).toMatchObject({ status: res.status });
          }
        }),
        { seed: 20261127, numRuns: op.method === "GET" ? 3 : RUNS_PER_OPERATION },
      );
    }
    console.log(`fuzz inputs tried per endpoint: ${JSON.stringify(tried)}`);
    expect(Object.keys(tried).length).toBeGreaterThan(2);
  }, 120_000);
});
