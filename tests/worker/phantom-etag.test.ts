import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const phantom = (query: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`http://api/v1/lesions/phantom?${query}`, { headers });

describe("caching seeded phantoms", () => {
  it("gives a seeded phantom a strong ETag and a long Cache-Control, and 304 on revalidation", async () => {
    const first = await phantom("seed=5&size=96");
    const bytes = new Uint8Array(await first.arrayBuffer());
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(first.headers.get("x-seed")).toBe("5");
    const again = await phantom("seed=5&size=96", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    // Same request, same bytes and ETag; another part or seed, another ETag.
    const same = await phantom("seed=5&size=96");
    expect(new Uint8Array(await same.arrayBuffer())).toEqual(bytes);
    expect(same.headers.get("etag")).toBe(etag);
    const mask = await phantom("seed=5&size=96&part=mask");
    await mask.arrayBuffer();
    expect(mask.headers.get("etag")).not.toBe(etag);
    const json = await phantom("seed=5&size=96", { accept: "application/json" });
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(json.headers.get("etag")).not.toBe(etag);
    expect(((await json.json()) as { seed: number }).seed).toBe(5);
  });

  it("marks an unseeded (random) phantom no-store, without an ETag", async () => {
    const res = await phantom("size=96");
    await res.arrayBuffer();
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBeNull();
    expect(Number(res.headers.get("x-seed"))).toBeGreaterThanOrEqual(0);
  });
});
