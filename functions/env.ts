import type { ModelRegistry } from "../shared/artifacts/registry.ts";
import type { RateLimitBinding } from "./middleware/rate-limit.ts";
import type { ModelBucket } from "./r2-model-source.ts";

/** Worker bindings: wrangler.toml [vars] and bindings, plus the optional API_KEYS secret. */
export interface Env {
  MAX_JSON_BYTES?: string;
  MAX_IMAGE_BYTES?: string;
  /** Largest width × height an uploaded image may declare (checked before decompression). */
  MAX_IMAGE_PIXELS?: string;
  CORS_ORIGINS?: string;
  /** Comma-separated SHA-256 hex hashes of accepted API keys; unset = open API. */
  API_KEYS?: string;
  /** Model answering /v1/spn/default/…; defaults to "nltcs", else "example". */
  DEFAULT_SPN_MODEL?: string;
  /** Per-key (or per-address) request limiter; absent = no rate limiting. */
  RATE_LIMITER?: RateLimitBinding;
  /** The limiter's requests per period and period (10 or 60 s), announced in RateLimit-Policy. */
  RATE_LIMIT_REQUESTS?: string;
  RATE_LIMIT_PERIOD?: string;
  /** "js": encode PNGs with fast-png's JavaScript deflate instead of native zlib (benchmarks only). */
  PNG_ENCODER?: string;
  /** Model files `<model>/<sha256>/<file>`, checked against models/index.ts (npm run models:push). */
  MODELS?: ModelBucket;
  /** Set by `npm start` from `git rev-parse HEAD`, when known. */
  GIT_COMMIT?: string;
}

export interface Variables {
  requestId: string;
  /** "key:<hash prefix>" for a request with a valid API key (rate limits count per key). */
  clientKey?: string;
  /** The isolate's model registry (set once per app, so tests can inject their own). */
  registry: ModelRegistry;
}

export type AppEnv = { Bindings: Env; Variables: Variables };

export const DEFAULT_MAX_JSON_BYTES = 1_048_576; // = 1 MiB
export const DEFAULT_MAX_IMAGE_BYTES = 26_214_400; // = 25 MiB
/** 2048 * 1024 (2 Mi px): at 2048² a 16-bit upload's simulate request peaked above 100 MiB (docs/loadtest.md). */
export const DEFAULT_MAX_IMAGE_PIXELS = 2_097_152; // = 2048 * 1024

/** A positive integer var, or the default when unset or malformed. */
export function byteLimit(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}
