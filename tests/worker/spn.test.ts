import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { appWith, json, modelFolder, problemOf, tamper } from "./fixtures.ts";

const BASE = "http://api/v1/spn/example";

async function post(path: string, body: unknown) {
  const res = await SELF.fetch(`${BASE}/${path}`, json(body));
  return {
    status: res.status,
    body: (res.status === 200 ? await res.json() : await problemOf(res)) as Record<string, any>,
  };
}

/** Two binary variables, one product of leaves; p(b = 1) = 0 so evidence b = 1 has probability zero. */
const ZERO_SPN = JSON.stringify({
  format: "spn",
  formatVersion: 1,
  variables: [
    { name: "a", type: "bernoulli" },
    { name: "b", type: "bernoulli" },
  ],
  nodes: [
    { kind: "leaf", variable: 0 },
    { kind: "leaf", variable: 1 },
    { kind: "product", children: [0, 1] },
  ],
  members: [{ weights: [], leafParams: [0.3, 0] }],
});

describe("SPN endpoints on the bundled example model", () => {
  it("describes the model and resolves the default alias", async () => {
    const res = await SELF.fetch(BASE);
    const body = (await res.json()) as { variables: { name: string }[]; members: number; edges: number };
    expect(body.variables.map((v) => v.name)).toEqual(["season", "flu", "fever", "cough", "temperature"]);
    expect(body.members).toBe(3);
    const viaDefault = (await (await SELF.fetch("http://api/v1/spn/default")).json()) as { model: string };
    expect(["example", "nltcs"]).toContain(viaDefault.model);
  });

  it("answers logprob for a batch, with 0 for empty evidence and a spread per row", async () => {
    const { status, body } = await post("logprob", { evidence: [{}, { fever: "yes" }, { fever: 1, flu: "no" }] });
    expect(status).toBe(200);
    expect(body.logProb[0]).toBeCloseTo(0, 12);
    expect(body.logProb[1]).toBeLessThan(0);
    expect(body.uncertainty).toHaveLength(3);
  });

  it("answers a normalised conditional: p(flu=yes|e) + p(flu=no|e) = 1", async () => {
    const yes = await post("conditional", { query: { flu: "yes" }, evidence: { fever: "yes" } });
    const no = await post("conditional", { query: { flu: "no" }, evidence: { fever: "yes" } });
    expect(yes.body.prob + no.body.prob).toBeCloseTo(1, 10);
    expect(yes.body.logProb).toBeCloseTo(Math.log(yes.body.prob), 10);
    expect(yes.body.uncertainty.interval95[0]).toBeLessThanOrEqual(yes.body.prob);
  });

  it("returns marginals that agree with the conditional endpoint", async () => {
    const { body } = await post("marginals", { evidence: { fever: "yes" } });
    const cond = await post("conditional", { query: { flu: "yes" }, evidence: { fever: "yes" } });
    expect(body.marginals.flu.yes).toBeCloseTo(cond.body.prob, 10);
    expect(Object.values(body.marginals.season as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(
      1,
      10,
    );
    expect(body.marginals.temperature).toHaveProperty("mean");
  });

  it("returns an MPE assignment consistent with the evidence", async () => {
    const { body } = await post("mpe", { evidence: { fever: "yes" } });
    expect(body.assignment.fever).toBe("yes");
    expect(typeof body.exact).toBe("boolean");
    expect(body.logProb).toBeLessThan(0);
  });

  it("answers batches of evidence rows in `results`, one per row, equal to the single-row answers", async () => {
    const rows = [{ fever: "yes" }, { season: "winter", cough: "no" }, {}];
    const cond = await post("conditional", { query: { flu: "yes" }, evidenceBatch: rows });
    const marg = await post("marginals", { evidenceBatch: rows, variables: ["flu"] });
    const mpe = await post("mpe", { evidenceBatch: rows });
    expect([cond.status, marg.status, mpe.status]).toEqual([200, 200, 200]);
    for (const [r, row] of rows.entries()) {
      const one = await post("conditional", { query: { flu: "yes" }, evidence: row });
      expect(cond.body.results[r].prob).toBeCloseTo(one.body.prob, 12);
      expect(marg.body.results[r].marginals.flu.yes).toBeCloseTo(one.body.prob, 12);
      expect(mpe.body.results[r]).toEqual((await post("mpe", { evidence: row })).body);
    }
  });

  it("returns 422 when a request sends both evidence and evidenceBatch, or an empty batch", async () => {
    for (const path of ["conditional", "marginals", "mpe"]) {
      const both = await post(path, { query: { flu: "yes" }, evidence: {}, evidenceBatch: [{}] });
      expect(both.status).toBe(422);
      expect((await post(path, { query: { flu: "yes" }, evidenceBatch: [] })).status).toBe(422);
    }
    const over = await post("marginals", { evidenceBatch: Array.from({ length: 10_001 }, () => ({})) });
    expect(over.body.code).toBe("cap-exceeded");
    // The answer's size is capped too (MAX_MARGINAL_VALUES = rows x answered states), so it fits
    // the isolate: 10,000 rows of every variable are refused, of one binary variable answered.
    const wide = await post("marginals", { evidenceBatch: Array.from({ length: 10_000 }, () => ({})) });
    expect(wide.status).toBe(422);
    expect(wide.body.detail).toContain("MAX_MARGINAL_VALUES");
    const narrow = await post("marginals", {
      evidenceBatch: Array.from({ length: 10_000 }, () => ({})),
      variables: ["flu"],
    });
    expect(narrow.status).toBe(200);
  });

  it("says whether the spread includes parameter draws: false for the example (no posterior statistics), true for nltcs", async () => {
    const example = await post("conditional", { query: { flu: "yes" }, evidence: { fever: "yes" } });
    expect(example.body.parameterUncertainty).toBe(false);
    const describe = (await (await SELF.fetch("http://api/v1/spn/nltcs")).json()) as Record<string, unknown>;
    expect(describe).toMatchObject({ parameterUncertainty: true, mpeExact: "never" });
    expect(describe.drawsPerMember).toBeGreaterThan(1);
    const res = await SELF.fetch(
      "http://api/v1/spn/nltcs/conditional",
      json({ query: { x3: 1 }, evidence: { x0: 1 } }),
    );
    const body = (await res.json()) as {
      prob: number;
      uncertainty: { interval95: [number, number] };
      parameterUncertainty: boolean;
    };
    expect(body.parameterUncertainty).toBe(true);
    expect(body.uncertainty.interval95[0]).toBeLessThan(body.prob);
    expect(body.uncertainty.interval95[1]).toBeGreaterThan(body.prob);
  });

  it("keeps describe and mpe consistent: `mpeExact` always ⇒ every answer exact, never ⇒ none, certified ⇒ per answer", async () => {
    const app = appWith({ zero: await modelFolder("zero", "spn", { "spn.json": ZERO_SPN }) });
    const zero = (await (await app.request("/v1/spn/zero")).json()) as { selective: boolean; mpeExact: string };
    expect(zero).toMatchObject({ selective: true, mpeExact: "always" });
    const zeroMpe = (await (await app.request("/v1/spn/zero/mpe", json({ evidence: {} }))).json()) as {
      exact: boolean;
    };
    expect(zeroMpe.exact).toBe(true);
    const example = (await (await SELF.fetch(BASE)).json()) as { selective: boolean; mpeExact: string };
    expect(example).toMatchObject({ selective: true, mpeExact: "certified" });
    // The members' gaussian modes differ, so an unobserved temperature is never certified; an observed one is.
    const answers = (
      await post("mpe", { evidenceBatch: [{}, { temperature: 38.5 }, { temperature: 37, season: "winter" }] })
    ).body.results;
    expect(answers.map((a: { exact: boolean }) => a.exact)).toEqual([false, true, true]);
    const nltcs = (await (await SELF.fetch("http://api/v1/spn/nltcs/mpe", json({ evidence: { x0: 1 } }))).json()) as {
      exact: boolean;
    };
    expect(nltcs.exact).toBe(false);
  });

  it("samples reproducibly with a seed and keeps evidence fixed", async () => {
    const a = await post("sample", { n: 5, evidence: { flu: "yes" }, seed: 9 });
    const b = await post("sample", { n: 5, evidence: { flu: "yes" }, seed: 9 });
    expect(a.body).toEqual(b.body);
    expect(a.body.samples.every((s: { flu: string }) => s.flu === "yes")).toBe(true);
    const fresh = await post("sample", { n: 1 });
    expect(Number.isInteger(fresh.body.seed)).toBe(true);
  });
});

describe("SPN errors", () => {
  it.each([
    ["unknown variable", "logprob", { evidence: [{ nope: 1 }] }, "unknown-variable", "/evidence/0/nope"],
    ["unknown state", "conditional", { query: { flu: "maybe" } }, "unknown-state", "/query/flu"],
    [
      "value of the wrong type",
      "marginals",
      { evidence: { temperature: "hot" } },
      "wrong-value-type",
      "/evidence/temperature",
    ],
    [
      "query variable also in evidence",
      "conditional",
      { query: { flu: "yes" }, evidence: { flu: "no" } },
      "query-evidence-overlap",
      "/query/flu",
    ],
    [
      "unknown variable in the variables list",
      "marginals",
      { variables: ["flu", "x"] },
      "unknown-variable",
      "/variables/1",
    ],
  ])("returns 422 for a %s with a pointer", async (_name, path, body, code, pointer) => {
    const res = await post(path, body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer }));
  });

  it("returns 422 cap-exceeded naming the cap for n and batch size", async () => {
    const n = await post("sample", { n: 10_001 });
    expect(n.status).toBe(422);
    expect(n.body.code).toBe("cap-exceeded");
    expect(n.body.detail).toContain("MAX_SAMPLES = 10000");
    const rows = await post("logprob", { evidence: Array.from({ length: 10_001 }, () => ({})) });
    expect(rows.body.code).toBe("cap-exceeded");
    expect(rows.body.detail).toContain("MAX_BATCH_ROWS = 10000");
  });

  it("returns 404 for an unknown model and for a classifier addressed as an SPN", async () => {
    expect((await SELF.fetch("http://api/v1/spn/nope")).status).toBe(404);
    expect((await SELF.fetch("http://api/v1/spn/demo-classifier")).status).toBe(404);
  });

  it("returns 422 zero-probability-evidence for a conditional on impossible evidence, but logprob −∞ as null", async () => {
    const app = appWith({ zero: await modelFolder("zero", "spn", { "spn.json": ZERO_SPN }) });
    const cond = await app.request("/v1/spn/zero/conditional", json({ query: { a: 1 }, evidence: { b: 1 } }));
    expect(cond.status).toBe(422);
    expect(await problemOf(cond)).toMatchObject({ code: "zero-probability-evidence" });
    const lp = await app.request("/v1/spn/zero/logprob", json({ evidence: [{ b: 1 }] }));
    expect(await lp.json()).toEqual({ logProb: [null], parameterUncertainty: false });
  });

  it("returns 503 naming the file for a tampered artifact, and the node for an invalid SPN", async () => {
    const bad = await modelFolder("bad", "spn", { "spn.json": ZERO_SPN });
    bad["spn.json"] = tamper(bad["spn.json"]!);
    const invalid = JSON.parse(ZERO_SPN);
    invalid.nodes[2] = { kind: "product", children: [0, 0] };
    const app = appWith({
      bad,
      invalid: await modelFolder("invalid", "spn", { "spn.json": JSON.stringify(invalid) }),
      zero: await modelFolder("zero", "spn", { "spn.json": ZERO_SPN }),
    });
    const tampered = await app.request("/v1/spn/bad");
    expect(tampered.status).toBe(503);
    expect((await problemOf(tampered)).detail).toContain('"spn.json"');
    const refused = await app.request("/v1/spn/invalid");
    expect(refused.status).toBe(503);
    expect((await problemOf(refused)).detail).toMatch(/node 2/);
    expect((await app.request("/v1/spn/zero")).status).toBe(200);
  });
});
