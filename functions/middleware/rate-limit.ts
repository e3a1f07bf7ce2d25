import type { MiddlewareHandler } from "hono";
import { byteLimit, type AppEnv, type Env } from "../env.ts";
import { problemResponse } from "../problem.ts";

/** Workers' rate-limiting binding (wrangler.toml [[ratelimits]]); miniflare runs it locally. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export const DEFAULT_RATE_LIMIT_REQUESTS = 600;
/** The binding counts in windows of 10 or 60 s. */
export const DEFAULT_RATE_LIMIT_PERIOD = 60;

interface Policy {
  requests: number;
  period: number;
}

/** What the headers announce; wrangler.toml keeps it equal to the binding's `simple` setting. */
function policyOf(env: Env): Policy {
  const period = byteLimit(env.RATE_LIMIT_PERIOD, DEFAULT_RATE_LIMIT_PERIOD);
  return { requests: byteLimit(env.RATE_LIMIT_REQUESTS, DEFAULT_RATE_LIMIT_REQUESTS), period: period === 10 ? 10 : 60 };
}

/** Windows are aligned to multiples of the period since the epoch (as miniflare counts them). */
export function secondsToReset(period: number, nowMs: number): number {
  return Math.max(1, Math.ceil(period - ((nowMs / 1000) % period)));
}

/**
 * Counts requests per API key (the key's hash, set by apiKeyAuth) or, when keys are off, per
 * client address (CF-Connecting-IP), and refuses the excess with 429 problem+json, Retry-After
 * and the IETF RateLimit / RateLimit-Policy fields. Without the binding nothing is limited.
 */
export function rateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.env?.RATE_LIMITER;
    if (!limiter) return next();
    const { requests, period } = policyOf(c.env);
    const policy = `"default";q=${requests};w=${period}`;
    const client = c.get("clientKey");
    const key = client ?? `ip:${c.req.header("cf-connecting-ip") ?? "unknown"}`;
    const { success } = await limiter.limit({ key });
    if (!success) {
      const reset = secondsToReset(period, Date.now());
      const who = client ? "this API key" : "this client address";
      return problemResponse(
        c,
        "rate-limited",
        `more than ${requests} requests in ${period} s from ${who}; retry after ${reset} s`,
        [],
        {
          "Retry-After": String(reset),
          "RateLimit-Policy": policy,
          RateLimit: `"default";r=0;t=${reset}`,
        },
      );
    }
    await next();
    c.res.headers.set("RateLimit-Policy", policy);
  };
}
