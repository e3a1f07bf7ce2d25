/**
 * Response headers and problem responses that every operation shares, as OpenAPI components.
 * The names and meanings match what the middleware sends (request-context, hono/timing, auth,
 * rate-limit, method-not-allowed).
 */
const text = (description: string) => ({ description, schema: { type: "string" as const } });

export const HEADERS = {
  "X-Request-Id": text(
    "The caller's X-Request-Id when it is safe to echo ([A-Za-z0-9._-]{1,128}), else a fresh UUID; quoted in logs and problem bodies.",
  ),
  "Server-Timing": text(
    "Server-side durations in ms (`total`, and per stage where an endpoint reports them, e.g. decode, simulate, encode).",
  ),
  "RateLimit-Policy": text(
    'The rate-limit policy for the caller (per API key, or per client address when keys are off), e.g. `"default";q=600;w=60`: q requests per w seconds. Sent when rate limiting is configured.',
  ),
  RateLimit: text(
    'Remaining quota, e.g. `"default";r=0;t=17`: r requests left, t seconds until the window resets. Sent with 429.',
  ),
  "Retry-After": {
    description: "Seconds until the rate-limit window resets.",
    schema: { type: "integer" as const, minimum: 0 },
  },
  Allow: text("The methods the path supports."),
  "WWW-Authenticate": text('`Bearer realm="probable-edge"`'),
  "X-Seed": {
    description: "The seed used (echoed, or drawn when the request had none).",
    schema: { type: "integer" as const, minimum: 0 },
  },
  "X-Lesions": text("JSON array of the lesions' `{ bbox, center, radius }` (the PNG body has no room for them)."),
  "X-Compositing-Model": text('The compositing model used ("linear" or "beer-lambert").'),
  ETag: text("Entity tag of the body; send it back in If-None-Match to get 304 Not Modified."),
  "Cache-Control": text("How long the response may be cached."),
};

type HeaderName = keyof typeof HEADERS;
const ref = (name: HeaderName) => ({ $ref: `#/components/headers/${name}` });
const refs = (...names: HeaderName[]) => Object.fromEntries(names.map((n) => [n, ref(n)]));

/** Headers documented on every response of a given status. */
export function headersFor(status: string): Record<string, unknown> {
  const common: HeaderName[] = ["X-Request-Id", "Server-Timing", "RateLimit-Policy"];
  if (status === "401") common.push("WWW-Authenticate");
  if (status === "405") common.push("Allow");
  if (status === "429") common.push("RateLimit", "Retry-After");
  return refs(...common);
}

/** Headers of a 200 that echoes a seed or ships a PNG with its lesions beside it. */
export const seedHeaders = () => refs("X-Seed");
export const lesionHeaders = () => refs("X-Seed", "X-Lesions", "X-Compositing-Model");
export const cacheHeaders = () => refs("ETag", "Cache-Control");

const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

export const problemResponse405 = {
  description: "The path exists but not with this method; Allow lists the methods it has",
  content: problemContent,
};

export const problemResponse429 = {
  description: "Over the rate limit for this API key (or client address); retry after Retry-After seconds",
  content: problemContent,
};
