import { createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import { encodeBase64 } from "../../shared/encoding/base64.ts";
import { encodePng } from "../../shared/image/png-codec.ts";
import { freshSeed } from "../../shared/numeric/rng.ts";
import type { AppEnv } from "../env.ts";
import { commonProblems, queryProblems } from "../schemas.ts";
import { cacheHeaders, seedHeaders } from "../openapi/responses.ts";
import { maskPng, pngResponse } from "./images.ts";
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

export const phantom: RouteHandler<typeof phantomRoute, AppEnv> = (c) => {
  const query = c.req.valid("query");
  const seed = query.seed ?? freshSeed();
  const size = query.size ?? 1024;
  const { image, lungMask } = cachedPhantom(seed, size);
  if ((c.req.header("accept") ?? "").includes("application/json")) {
    return c.json({ image: encodeBase64(encodePng(image)), mask: encodeBase64(maskPng(lungMask)), size, seed }, 200);
  }
  const png = query.part === "mask" ? maskPng(lungMask) : encodePng(image);
  return pngResponse(png, { "X-Seed": String(seed) }) as never;
};
