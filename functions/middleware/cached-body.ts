import type { Context } from "hono";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";

/** A body computed once per isolate, with a strong ETag of its bytes. */
export interface CachedBody {
  bytes: Uint8Array;
  etag: string;
}

export async function cachedBody(content: string | Uint8Array): Promise<CachedBody> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return { bytes, etag: `"${(await sha256Hex(bytes)).slice(0, 32)}"` };
}

/** True when If-None-Match names `etag` (or is `*`): the caller's copy is current. */
export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header("if-none-match");
  if (!header) return false;
  const weakless = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || weakless(tag) === weakless(etag));
}

/**
 * 200 with the body, or 304 when the caller already has it; both carry ETag and Cache-Control
 * so that browsers, proxies and clients can revalidate cheaply.
 */
export function etagResponse(
  c: Context,
  etag: string,
  cacheControl: string,
  body: () => { bytes: Uint8Array; contentType: string; headers?: Record<string, string> },
): Response {
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": cacheControl };
  if (notModified(c, etag)) return new Response(null, { status: 304, headers });
  const made = body();
  return new Response(made.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { "content-type": made.contentType, ...made.headers, ...headers },
  });
}
