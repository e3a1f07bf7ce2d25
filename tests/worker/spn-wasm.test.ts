import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import "../../functions/index.ts"; // hands the bundled evaluator module to the core, as the served worker does
import { MODEL_FILES } from "../../models/index.ts";
import {
  ensembleLogProb,
  loadSpn,
  parseEvidenceBatch,
  spnWasmFailure,
  spnWasmModule,
  wasmSpn,
} from "../../shared/spn/index.ts";
import { EVALUATOR_WASM_BASE64 } from "../../shared/spn/wasm/evaluator-bytes.ts";
import { wasmDigest } from "../spn-wasm-digest.ts";

const decode = (name: string) => new TextDecoder().decode(MODEL_FILES[name]!["spn.json"]);

describe("WebAssembly SPN evaluator inside workerd", () => {
  it("loads the precompiled module wrangler bundles (workerd refuses wasm from bytes)", () => {
    expect(spnWasmModule(), spnWasmFailure() ?? "").not.toBeNull();
    const bytes = Uint8Array.from(atob(EVALUATOR_WASM_BASE64), (c) => c.charCodeAt(0));
    const compile = WebAssembly.Module as unknown as new (bytes: Uint8Array) => object;
    expect(() => new compile(bytes)).toThrow(/disallowed/);
    const { spn } = loadSpn(decode("nltcs"), "nltcs");
    const instance = wasmSpn(spn)!;
    expect(instance.memoryBytes).toBeGreaterThan(0);
    console.log(
      `nltcs: wasm memory ${(instance.memoryBytes / 2 ** 20).toFixed(2)} MiB, ${instance.chunkRows} rows per chunk`,
    );
  });

  for (const name of ["nltcs", "plants", "example"]) {
    it(`agrees with the JS evaluator to 1e-12 and gives Node's bytes exactly (${name})`, async () => {
      const { spn } = loadSpn(decode(name), name);
      const { digest, maxDiffVsJs } = await wasmDigest(spn, 64);
      expect(maxDiffVsJs).toBeLessThanOrEqual(1e-12);
      await expect(`${digest}\n`).toMatchFileSnapshot(`../golden/spn-wasm-${name}.txt`);
    });
  }

  it("serves /logprob from the same numbers the core's wasm pass gives", async () => {
    const rows = [{}, { x0: 1 }, Object.fromEntries(Array.from({ length: 16 }, (_, v) => [`x${v}`, v % 2]))];
    const model = loadSpn(decode("nltcs"), "nltcs");
    const names = model.variables.map((v) => v.name);
    const evidence = rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [names[Number(k.slice(1))]!, v])),
    );
    const expected = ensembleLogProb(model.spn, parseEvidenceBatch(model.spn, evidence, "/evidence")).map(
      (a) => a.logProb,
    );
    const res = await SELF.fetch("http://api/v1/spn/nltcs/logprob", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ evidence }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { logProb: number[] };
    expect(body.logProb).toEqual(expected);
    expect(body.logProb[0]).toBeCloseTo(0, 12);
  });
});
