import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import { memorySource, ModelRegistry, type KindLoaders } from "../../shared/artifacts/registry.ts";
import type { ModelKind } from "../../shared/artifacts/manifest.ts";
import { MODEL_LOADERS } from "../../shared/models.ts";
import { createApp } from "../../functions/app.ts";

const encoder = new TextEncoder();

/** A model folder in memory: a manifest listing `files` with their true sha256 and sizes. */
export async function modelFolder(
  name: string,
  kind: ModelKind,
  files: Record<string, string | Uint8Array>,
): Promise<Record<string, Uint8Array>> {
  const folder: Record<string, Uint8Array> = {};
  const listed = [];
  for (const [path, content] of Object.entries(files)) {
    const bytes = typeof content === "string" ? encoder.encode(content) : content;
    folder[path] = bytes;
    listed.push({ path, role: path.split(".")[0]!, sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
  }
  const manifest = {
    manifestVersion: 1,
    name,
    kind,
    version: "1.0.0",
    files: listed,
    metrics: { fixture: true },
    training: { command: "tests/worker/fixtures.ts", seed: null, data: "none" },
  };
  folder["manifest.json"] = encoder.encode(JSON.stringify(manifest));
  return folder;
}

/** An app over in-memory models (the real app, the real middleware, inside workerd). */
export function appWith(models: Record<string, Record<string, Uint8Array>>, loaders: KindLoaders = MODEL_LOADERS) {
  const registry = new ModelRegistry(memorySource(models), loaders);
  return Object.assign(createApp({ registry }), { registry });
}

/** Flips one byte of a file, keeping its length, as a tampered artifact would. */
export function tamper(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[copy.length >> 1]! ^= 0x01;
  return copy;
}

export async function problemOf(res: Response): Promise<Record<string, unknown>> {
  if (res.headers.get("content-type") !== "application/problem+json") {
    throw new Error(`expected problem+json, got ${res.status} ${res.headers.get("content-type")}: ${await res.text()}`);
  }
  return (await res.json()) as Record<string, unknown>;
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});
