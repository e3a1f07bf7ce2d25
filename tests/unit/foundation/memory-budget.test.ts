import { describe, expect, it } from "vitest";
import { isolateMiB, measure, wranglerVars } from "../../../bench/memory.ts";
import { DEFAULT_MAX_IMAGE_PIXELS } from "../../../functions/env.ts";
import { PHANTOM_SIZE_RANGE } from "../../../shared/lesion/phantom.ts";

/**
 * The 128 MB isolate guard (issue 16 part 6): the heaviest endpoint, at the deployed caps, must
 * stay within MEMORY_LIMIT_MIB counting the warm baseline (its models loaded) plus the request's
 * peak resident memory. Measured by bench/memory.ts's probe in a fresh Node process running the
 * worker's own app; with the old cap (4096²) the same measurement is several times the limit
 * (docs/loadtest.md), so this fails if the cap goes back up or a full-size buffer is added.
 */
const LIMIT_MIB = 100;
const vars = wranglerVars();
const side = Math.floor(Math.sqrt(Number(vars.MAX_IMAGE_PIXELS)));

describe("memory within the isolate", () => {
  it("deploys the pixel cap the code defaults to, and draws no phantom larger than it", () => {
    expect(Number(vars.MAX_IMAGE_PIXELS)).toBe(DEFAULT_MAX_IMAGE_PIXELS);
    expect(PHANTOM_SIZE_RANGE[1] ** 2).toBeLessThanOrEqual(DEFAULT_MAX_IMAGE_PIXELS);
  });

  for (const name of ["lesions/simulate (upload)", "lesions/simulate (phantom)"]) {
    it(`keeps ${name} at its cap within ${LIMIT_MIB} MiB`, () => {
      const figure = measure(name, side, vars);
      console.log(`${name}: ${JSON.stringify(figure)}`);
      expect(figure.status).toBe(200);
      expect(isolateMiB(figure)).toBeLessThanOrEqual(LIMIT_MIB);
    }, 240_000);
  }
});
