import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const preflight = (path: string, method: string) =>
  SELF.fetch(`http://api${path}`, {
    method: "OPTIONS",
    headers: {
      origin: "http://client.example",
      "access-control-request-method": method,
      "access-control-request-headers": "content-type, authorization",
    },
  });

describe("CORS preflight", () => {
  it("lists only the methods the path has", async () => {
    const post = await preflight("/v1/uncertainty", "POST");
    expect(post.status).toBe(204);
    expect(post.headers.get("access-control-allow-methods")).toBe("POST");
    expect(post.headers.get("access-control-allow-headers")).toBe("content-type,authorization");
    const get = await preflight("/v1/spn/example", "GET");
    expect(get.headers.get("access-control-allow-methods")).toBe("GET,HEAD");
    const phantom = await preflight("/v1/lesions/phantom", "GET");
    expect(phantom.headers.get("access-control-allow-methods")).toBe("GET,HEAD");
  });

  it("names no method for a path that does not exist", async () => {
    const res = await preflight("/v1/nope", "DELETE");
    expect(res.headers.get("access-control-allow-methods")).toBeNull();
  });
});
