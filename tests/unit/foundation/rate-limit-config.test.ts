import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { secondsToReset } from "../../../functions/middleware/rate-limit.ts";

const toml = readFileSync("wrangler.toml", "utf8");

describe("rate-limit configuration", () => {
  it("announces in RateLimit-Policy what the binding enforces (wrangler.toml vars = [[ratelimits]] simple)", () => {
    const binding =
      /\[\[ratelimits\]\][^[]*?name = "RATE_LIMITER"[^[]*?simple = \{ limit = (\d+), period = (\d+) \}/.exec(toml);
    expect(binding, "wrangler.toml has a RATE_LIMITER binding").not.toBeNull();
    expect(toml).toContain(`RATE_LIMIT_REQUESTS = "${binding![1]}"`);
    expect(toml).toContain(`RATE_LIMIT_PERIOD = "${binding![2]}"`);
    expect(["10", "60"]).toContain(binding![2]);
  });

  it("counts Retry-After to the end of the epoch-aligned window, at least 1 s", () => {
    expect(secondsToReset(60, 120_000)).toBe(60);
    expect(secondsToReset(60, 120_000 + 59_500)).toBe(1);
    expect(secondsToReset(10, 3_000)).toBe(7);
  });
});
