import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { RateLimitBinding } from "../../functions/middleware/rate-limit.ts";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import { appWith, problemOf } from "./fixtures.ts";

// A real Workers rate-limiting binding (miniflare's), 3 requests per 60 s: vitest.worker.config.ts.
const tight = (env as unknown as { TIGHT_RATE_LIMITER: RateLimitBinding }).TIGHT_RATE_LIMITER;
const LIMITED = { RATE_LIMITER: tight, RATE_LIMIT_REQUESTS: "3", RATE_LIMIT_PERIOD: "60" };
const windowOf = () => Math.floor(Date.now() / 60_000);
let address = 0;
const freshAddress = () => `198.51.100.${++address}`;

/** Sends `n` requests; repeats when a window boundary fell between them (counts reset there). */
async function burst(n: number, send: () => Response | Promise<Response>): Promise<Response[]> {
  for (;;) {
    const start = windowOf();
    const answers: Response[] = [];
    for (let i = 0; i < n; i++) answers.push(await send());
    if (windowOf() === start) return answers;
  }
}

describe("rate limiting per client in workerd", () => {
  it("refuses the 4th request in the window with 429 problem+json, Retry-After and RateLimit fields", async () => {
    const app = appWith({});
    const ip = freshAddress();
    const answers = await burst(4, () => app.request("/v1/health", { headers: { "cf-connecting-ip": ip } }, LIMITED));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers.get("ratelimit-policy")).toBe('"default";q=3;w=60');
    const refused = answers[3]!;
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit")).toBe(`"default";r=0;t=${retryAfter}`);
    expect(await problemOf(refused)).toMatchObject({ status: 429, code: "rate-limited", title: "Too many requests" });
    // Another address has its own count.
    expect((await app.request("/v1/health", { headers: { "cf-connecting-ip": freshAddress() } }, LIMITED)).status).toBe(
      200,
    );
  });

  it("counts per API key when keys are on, whatever the address", async () => {
    const [a, b] = [`key-a-${Date.now()}`, `key-b-${Date.now()}`];
    const hash = (k: string) => sha256Hex(new TextEncoder().encode(k));
    const keyed = { ...LIMITED, API_KEYS: `${await hash(a)},${await hash(b)}` };
    const app = appWith({});
    const as = (key: string) =>
      app.request(
        "/v1/health",
        { headers: { authorization: `Bearer ${key}`, "cf-connecting-ip": freshAddress() } },
        keyed,
      );
    const answers = await burst(4, () => as(a));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect((await problemOf(answers[3]!)).detail).toContain("this API key");
    expect((await as(b)).status).toBe(200);
  });

  it("leaves the docs and the document unlimited, and announces the configured policy on /v1", async () => {
    const app = appWith({});
    const ip = freshAddress();
    const docs = await burst(5, () => app.request("/openapi.json", { headers: { "cf-connecting-ip": ip } }, LIMITED));
    expect(docs.every((r) => r.status === 200)).toBe(true);
    // The worker as deployed: wrangler.toml's binding and policy.
    const res = await SELF.fetch("http://api/v1/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-policy")).toBe('"default";q=600;w=60');
  });
});
