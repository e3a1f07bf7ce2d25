import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../functions/app.ts";
import { r2ModelSource } from "../../functions/r2-model-source.ts";
import { MODEL_MANIFESTS } from "../../models/index.ts";
import { ModelRegistry } from "../../shared/artifacts/registry.ts";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import { MODEL_LOADERS } from "../../shared/models.ts";
import { json, problemOf, tamper } from "./fixtures.ts";
import { buckets, deployedManifest, keyOf, modelFiles } from "./model-files.ts";

const SCRATCH = buckets.SCRATCH_MODELS;

/** SCRATCH_MODELS holding exactly these deployed models' files, copied from MODELS. */
async function scratchWith(...models: string[]): Promise<void> {
  const listed = await SCRATCH.list();
  if (listed.objects.length > 0) await SCRATCH.delete(listed.objects.map((o) => o.key));
  for (const model of models) {
    for (const [file, bytes] of Object.entries(await modelFiles(model))) {
      if (file !== "manifest.json") await SCRATCH.put(keyOf(model, file), bytes);
    }
  }
}

/** The real app over the deployed index and SCRATCH_MODELS, as functions/deployed-registry.ts builds it. */
function scratchApp(retryAfterMs?: number) {
  const source = r2ModelSource(MODEL_MANIFESTS, () => SCRATCH, retryAfterMs);
  return createApp({ registry: new ModelRegistry(source, MODEL_LOADERS) });
}

const logprob = (app: ReturnType<typeof scratchApp>, model: string) =>
  app.request(`/v1/spn/${model}/logprob`, json({ evidence: [{}] }));

describe("models from object storage (R2)", () => {
  it("bundles only the manifests; every file they pin is in the MODELS bucket with its size and sha256", async () => {
    expect(Object.keys(MODEL_MANIFESTS).length).toBeGreaterThanOrEqual(2);
    for (const model of Object.keys(MODEL_MANIFESTS)) {
      const files = await modelFiles(model);
      for (const file of deployedManifest(model).files) {
        expect(files[file.path]!.byteLength, `${model}/${file.path}`).toBe(file.bytes);
        expect(await sha256Hex(files[file.path]!), `${model}/${file.path}`).toBe(file.sha256);
      }
    }
  });

  it("serves the deployed worker's models from MODELS (SELF)", async () => {
    const res = await SELF.fetch("http://api/v1/spn/example/logprob", json({ evidence: [{ fever: "yes" }] }));
    expect(res.status).toBe(200);
  });

  it("returns 503 for a tampered object (sha256 differs, same size) while another model answers", async () => {
    await scratchWith("example", "penguins");
    const original = new Uint8Array(await (await SCRATCH.get(keyOf("example", "spn.json")))!.arrayBuffer());
    await SCRATCH.put(keyOf("example", "spn.json"), tamper(original));
    const app = scratchApp();
    const refused = await logprob(app, "example");
    expect(refused.status).toBe(503);
    expect(await problemOf(refused)).toMatchObject({
      code: "artifact-integrity",
      detail: expect.stringContaining('"spn.json" does not match its sha256'),
    });
    expect((await logprob(app, "penguins")).status).toBe(200);
    const listed = (await (await app.request("/v1/models")).json()) as { models: { name: string; status: string }[] };
    expect(listed.models.find((m) => m.name === "example")?.status).toBe("unavailable");
    expect(listed.models.find((m) => m.name === "penguins")?.status).toBe("ready");
  });

  it("returns 503 naming the key and the push command for a missing object; others answer", async () => {
    await scratchWith("example", "penguins");
    await SCRATCH.delete(keyOf("penguins", "trace.svg"));
    const app = scratchApp();
    const refused = await logprob(app, "penguins");
    expect(refused.status).toBe(503);
    expect((await problemOf(refused)).detail).toBe(
      `model "penguins": file "trace.svg" is missing from the MODELS bucket as "${keyOf("penguins", "trace.svg")}" (upload it: npm run models:push -- models/penguins --remote)`,
    );
    expect((await logprob(app, "example")).status).toBe(200);
  });

  it("refuses an object of the wrong size from its metadata, before reading its body", async () => {
    await scratchWith("example");
    await SCRATCH.put(keyOf("example", "spn.json"), new Uint8Array(50 * 2 ** 20)); // = 50 MiB of zeros
    const refused = await logprob(scratchApp(), "example");
    expect(refused.status).toBe(503);
    expect((await problemOf(refused)).detail).toContain(
      `has ${50 * 2 ** 20} bytes in the MODELS bucket, manifest says ${deployedManifest("example").files[0]!.bytes}`,
    );
  });

  it("keeps a failed model refused until the retry delay, then loads what was pushed since", async () => {
    await scratchWith("example");
    const spn = await (await SCRATCH.get(keyOf("example", "spn.json")))!.arrayBuffer();
    await SCRATCH.delete(keyOf("example", "spn.json"));
    const kept = scratchApp(60_000);
    const retried = scratchApp(0);
    expect((await logprob(kept, "example")).status).toBe(503);
    expect((await logprob(retried, "example")).status).toBe(503);
    await SCRATCH.put(keyOf("example", "spn.json"), spn);
    expect((await logprob(kept, "example")).status).toBe(503);
    expect((await logprob(retried, "example")).status).toBe(200);
  });

  it("returns 503 model-unavailable when no MODELS bucket is bound", async () => {
    const app = createApp({
      registry: new ModelRegistry(
        r2ModelSource(MODEL_MANIFESTS, () => undefined),
        MODEL_LOADERS,
      ),
    });
    const res = await logprob(app as ReturnType<typeof scratchApp>, "example");
    expect(res.status).toBe(503);
    expect(await problemOf(res)).toMatchObject({
      code: "model-unavailable",
      detail: expect.stringContaining("no MODELS R2 bucket is bound"),
    });
  });
});
