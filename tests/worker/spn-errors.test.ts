import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { appWith, json, modelFolder, problemOf, tamper } from "./fixtures.ts";
import { post, ZERO_SPN } from "./spn-fixtures.ts";

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
