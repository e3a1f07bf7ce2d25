import type { MiddlewareHandler } from "hono";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import type { AppEnv } from "../env.ts";
import { problemResponse } from "../problem.ts";

/** Compares two equal-length strings in time independent of where they differ. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function acceptedHashes(apiKeys: string | undefined): string[] {
  return (apiKeys ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
}

/**
 * Optional bearer-key auth. With the API_KEYS secret set, a request needs
 * `Authorization: Bearer <key>` whose SHA-256 is in the list; without it the API is open.
 * Keys are stored hashed so a leaked config does not leak keys; every hash is compared
 * (no early exit) so timing does not reveal which one matched.
 */
export function apiKeyAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hashes = acceptedHashes(c.env?.API_KEYS);
    if (hashes.length === 0) return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    const presented = match ? await sha256Hex(new TextEncoder().encode(match[1])) : "";
    let ok = false;
    for (const hash of hashes) ok = constantTimeEqual(presented, hash) || ok;
    if (ok) {
      // Rate limits count per key; a prefix of its hash names it without revealing it.
      c.set("clientKey", `key:${presented.slice(0, 16)}`);
      return next();
    }
    return problemResponse(c, "unauthorized", "send Authorization: Bearer <key> with a valid API key", [], {
      "WWW-Authenticate": 'Bearer realm="probable-edge"',
    });
  };
}
