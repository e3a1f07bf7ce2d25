import type { Context, TypedResponse } from "hono";

/** Rows serialised per chunk of the body: ~100 KB of JSON for /sample rows of 31 columns. */
const ROWS_PER_CHUNK = 256;
const encoder = new TextEncoder();

/**
 * A 200 JSON answer written row by row as the client reads it: `head`, then `rowJson(0)`, … ,
 * `rowJson(count - 1)` joined by ",", then `tail`. With rowJson(i) = JSON.stringify(row i) the bytes
 * are those of c.json on the whole answer, but a 10,000-row answer never exists at once as row
 * objects, one JSON string and its UTF-8 copy (about three times 10 MB for /sample at its cap,
 * in a 128 MB isolate). rowJson runs after the status is sent, so it must not throw: everything that
 * can fail (input checks, caps, inference) is done before this is called.
 */
export function jsonRowsResponse<T>(
  c: Context,
  head: string,
  count: number,
  rowJson: (i: number) => string,
  tail: string,
): Response & TypedResponse<T, 200, "json"> {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const parts: string[] = next === 0 ? [head] : [];
      const end = Math.min(count, next + ROWS_PER_CHUNK);
      for (; next < end; next++) parts.push(next === 0 ? rowJson(next) : `,${rowJson(next)}`);
      if (next === count) parts.push(tail);
      controller.enqueue(encoder.encode(parts.join("")));
      if (next === count) controller.close();
    },
  });
  // Typed as the answer it spells out (T), as c.json's would be.
  const response: Response = c.body(body, 200, { "Content-Type": "application/json" });
  return response as Response & TypedResponse<T, 200, "json">;
}
