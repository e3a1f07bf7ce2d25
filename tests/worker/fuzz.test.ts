import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { schemaArbitrary, type Schema } from "./schema-arbitrary.ts";

/**
 * Fuzzes every operation in the served OpenAPI document (so new endpoints are covered as they
 * land): bodies, path and query values generated from the document's own schemas
 * (schema-arbitrary.ts), plus the hostile set: random JSON, mutated examples, truncation, wrong types, huge and non-finite numbers,
 * deep nesting, long and odd Unicode strings, wrong or missing content types. Every answer must
 * be a 2xx or a 4xx problem+json — never a 5xx, never a hang.
 */
interface Parameter {
  name: string;
  in: "path" | "query";
  schema: Schema;
}

interface Operation {
  method: string;
  path: string;
  /** A model of the kind the path serves, for `{model}`. */
  model: string;
  parameters: Parameter[];
  bodySchema: Schema | undefined;
  example: unknown;
}

/** Per operation: 60 in `npm test`; `npm run fuzz:deep` (CI) sets FUZZ_RUNS=1000. */
const RUNS_PER_OPERATION = Number((env as { FUZZ_RUNS?: string }).FUZZ_RUNS ?? 60);

interface Document {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema & { example?: unknown }> };
}

async function operations(): Promise<{ ops: Operation[]; components: Record<string, Schema> }> {
  const doc = (await (await SELF.fetch("http://api/openapi.json")).json()) as Document;
  const { models } = (await (await SELF.fetch("http://api/v1/models")).json()) as {
    models: { name: string; kind: string }[];
  };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const bodySchema = op.requestBody?.content["application/json"]?.schema;
      const resolved = bodySchema?.$ref
        ? doc.components.schemas[bodySchema.$ref.split("/").pop()!]
        : (bodySchema as { example?: unknown } | undefined);
      const kind = path.includes("/spn/") ? "spn" : path.includes("/classify/") ? "classifier" : "";
      const model = models.find((m) => m.kind === kind)?.name ?? "example";
      ops.push({
        method: method.toUpperCase(),
        path,
        model,
        parameters: op.parameters ?? [],
        bodySchema,
        example: resolved?.example ?? {},
      });
    }
  }
  return { ops, components: doc.components.schemas };
}

/** Path and query: schema-derived values mostly, odd strings sometimes. */
function urls(op: Operation, components: Record<string, Schema>): fc.Arbitrary<string> {
  const odd = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom("", "-1", "1e999", "NaN", "%00", "../x", "a".repeat(300)),
  );
  const value = (p: Parameter) =>
    p.name === "model"
      ? fc.oneof({ arbitrary: fc.constant(op.model), weight: 4 }, { arbitrary: odd, weight: 1 })
      : fc.oneof(
          { arbitrary: schemaArbitrary(p.schema, components, 0, p.name), weight: 3 },
          { arbitrary: odd, weight: 1 },
        );
  const path = op.parameters.filter((p) => p.in === "path");
  const query = op.parameters.filter((p) => p.in === "query");
  const pathValues = fc.tuple(...path.map(value));
  const queryValues = fc.record(Object.fromEntries(query.map((p) => [p.name, value(p)])), { requiredKeys: [] });
  const extra = fc.option(fc.tuple(fc.string({ maxLength: 8 }), odd), { nil: undefined });
  return fc.tuple(pathValues, queryValues, extra).map(([pv, qv, ex]) => {
    let url = op.path;
    path.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(String(pv[i])))));
    const params = new URLSearchParams(Object.entries(qv).map(([k, v]) => [k, String(v)]));
    if (ex) params.append(ex[0], ex[1]);
    return params.size ? `${url}?${params}` : url;
  });
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
    fc
      .nat({ max: Math.max(0, text.length - 1) })
      .map((cut) => ({ body: text.slice(0, cut), type: "application/json" })),
    fc.integer({ min: 1, max: 100_000 }).map((d) => ({ body: nested(d), type: "application/json" })),
    fc
      .constantFrom("text/plain", "", "application/x-www-form-urlencoded", "application/json; charset=utf-16")
      .map((type) => ({ body: text, type })),
  );
}

describe("fuzzing every endpoint inside workerd", () => {
  it("answers schema-derived and hostile inputs with 2xx or 4xx problem+json, never 5xx", async () => {
    const tried: Record<string, { runs: number; "2xx": number; "3xx": number; "4xx": number }> = {};
    const { ops, components } = await operations();
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      const counts = (tried[key] = { runs: 0, "2xx": 0, "3xx": 0, "4xx": 0 });
      const fromSchema = op.bodySchema
        ? schemaArbitrary(op.bodySchema, components).map((v) => ({
            body: JSON.stringify(v) as string | undefined,
            type: "application/json",
          }))
        : fc.constant({ body: undefined as string | undefined, type: "" });
      const body =
        op.method === "GET"
          ? fromSchema
          : fc.oneof({ arbitrary: fromSchema, weight: 2 }, { arbitrary: bodies(op.example), weight: 1 });
      await fc.assert(
        fc.asyncProperty(urls(op, components), body, async (url, { body, type }) => {
          counts.runs++;
          const headers: Record<string, string> = type ? { "content-type": type } : {};
          const res = await SELF.fetch(`http://api${url}`, { method: op.method, headers, body: body ?? null });
          // Bytes first: a 2xx may be a PNG, which workerd warns about reading as text.
          const bytes = await res.arrayBuffer();
          const text = res.headers.get("content-type")?.startsWith("image/") ? "" : new TextDecoder().decode(bytes);
          expect(
            res.status,
            `${op.method} ${url} <- ${String(body).slice(0, 200)}\n${text.slice(0, 300)}`,
          ).toBeLessThan(500);
          counts[`${Math.floor(res.status / 100)}xx` as "2xx" | "3xx" | "4xx"]++;
          if (res.status >= 400) {
            expect(res.headers.get("content-type")).toBe("application/problem+json");
            expect(JSON.parse(text)).toMatchObject({ status: res.status });
          }
        }),
        { seed: 20261127, numRuns: RUNS_PER_OPERATION },
      );
    }
    const total = Object.values(tried).reduce((n, c) => n + c.runs, 0);
    console.log(
      `fuzz: ${total} inputs, ${RUNS_PER_OPERATION} per operation, 0 5xx; by operation: ${JSON.stringify(tried)}`,
    );
    expect(Object.keys(tried).length).toBeGreaterThan(10);
    expect(Object.values(tried).every((c) => c.runs >= RUNS_PER_OPERATION)).toBe(true);
  }, 3_600_000);
});
