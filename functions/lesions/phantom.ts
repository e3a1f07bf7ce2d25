import { createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { cachedBody, etagResponse, notModified } from "../middleware/cached-body.ts";
import { encodeBase64 } from "../../shared/encoding/base64.ts";
import { freshSeed } from "../../shared/numeric/rng.ts";
import type { AppEnv } from "../env.ts";
import { commonProblems, queryProblems } from "../schemas.ts";
import { cacheHeaders, seedHeaders } from "../openapi/responses.ts";
import { maskPng, toPng } from "./images.ts";
import { cachedPhantom } from "./phantom-cache.ts";
import { PhantomQuery } from "./schemas.ts";

export const phantomRoute = createRoute({
  method: "get",
  operationId: "getPhantom",
  path: "/v1/lesions/phantom",
  tags: ["lesions"],
  summary: "A synthetic thorax phantom radiograph (or its lung mask) as PNG",
  description:
    "Drawn by the same Beer–Lambert attenuation model as the lesions: body, lungs, heart, spine, ribs. `part=mask` returns the lung mask; `Accept: application/json` returns both as base64.",
  request: { query: PhantomQuery },
  responses: {
    200: {
      description: "The phantom PNG (X-Seed header), or both images as JSON",
      headers: { ...seedHeaders(), ...cacheHeaders() } as never,
      content: {
        "image/png": { schema: { type: "string", format: "binary" } as never },
        "application/json": {
          schema: z.object({ image: z.string(), mask: z.string(), size: z.number().int(), seed: z.number().int() }),
        },
      },
    },
    ...queryProblems,
    ...commonProblems,
  },
});

/** Seeded phantoms are a pure function of (seed, size, part) for a deployment: cache them long. */
const SEEDED_CACHE_CONTROL = "public, max-age=86400";
/** ETags of seeded phantoms served by this isolate, so a revalidation skips drawing and encoding. */
const etags = new Map<string, string>();
const ETAG_CAPACITY = 256;

function renderPhantomBody(c: Context<AppEnv>, seed: number, size: number, part: string, json: boolean) {
  const { image, lungMask } = cachedPhantom(seed, size);
  if (json) {
    const [png, mask] = [toPng(image, c.env), maskPng(lungMask, c.env)];
    return {
      bytes: new TextEncoder().encode(
        JSON.stringify({ image: encodeBase64(png), mask: encodeBase64(mask), size, seed }),
      ),
      contentType: "application/json",
    };
  }
  return { bytes: part === "mask" ? maskPng(lungMask, c.env) : toPng(image, c.env), contentType: "image/png" };
}

export const phantom: RouteHandler<typeof phantomRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const seed = query.seed ?? freshSeed();
  const size = query.size ?? 1024;
  const part = query.part ?? "image";
  const json = (c.req.header("accept") ?? "").includes("application/json");
  const headers = { "X-Seed": String(seed), Vary: "Accept" };
  if (query.seed === undefined) {
    const body = renderPhantomBody(c, seed, size, part, json);
    return new Response(body.bytes as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": body.contentType, "Cache-Control": "no-store", ...headers },
    }) as never;
  }
  const key = `${seed}:${size}:${part}:${json ? "json" : "png"}:${c.env?.PNG_ENCODER ?? ""}`;
  const known = etags.get(key);
  if (known && notModified(c, known))
    return etagResponse(c, known, SEEDED_CACHE_CONTROL, () => ({
      bytes: new Uint8Array(0),
      contentType: "image/png",
    })) as never;
  const body = renderPhantomBody(c, seed, size, part, json);
  const { etag } = await cachedBody(body.bytes);
  if (etags.size >= ETAG_CAPACITY) etags.delete(etags.keys().next().value!);
  etags.set(key, etag);
  return etagResponse(c, etag, SEEDED_CACHE_CONTROL, () => ({ ...body, headers })) as never;
};
