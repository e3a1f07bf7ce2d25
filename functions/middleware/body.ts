import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { byteLimit, DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_JSON_BYTES, type AppEnv, type Env } from "../env.ts";
import { problemResponse } from "../problem.ts";

type BodyKind = "json" | "image";

function limitFor(kind: BodyKind, env: Env | undefined): { bytes: number; name: string } {
  return kind === "json"
    ? { bytes: byteLimit(env?.MAX_JSON_BYTES, DEFAULT_MAX_JSON_BYTES), name: "MAX_JSON_BYTES" }
    : { bytes: byteLimit(env?.MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_BYTES), name: "MAX_IMAGE_BYTES" };
}

function essence(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Route middleware for request bodies: the Content-Type must be one the route accepts (415
 * otherwise, before anything is read) and the body may not exceed the configured cap (413,
 * checked against Content-Length first, then while streaming).
 */
export function acceptBody(kind: BodyKind, mediaTypes: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = essence(c.req.header("content-type"));
    if (!mediaTypes.includes(type)) {
      const got = type === "" ? "no Content-Type" : `Content-Type ${type}`;
      return problemResponse(c, "unsupported-media-type", `${got}; this endpoint accepts ${mediaTypes.join(", ")}`);
    }
    const limit = limitFor(kind, c.env);
    return bodyLimit({
      maxSize: limit.bytes,
      onError: (c) => problemResponse(c, "payload-too-large", `the body exceeds ${limit.name} = ${limit.bytes} bytes`),
    })(c, next);
  };
}

export const jsonBody = (): MiddlewareHandler<AppEnv> => acceptBody("json", ["application/json"]);
