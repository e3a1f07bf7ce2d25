import { describe, expect, it } from "vitest";
import { isolateMiB, measure, wranglerVars } from "../../../bench/memory.ts";
import { measureInWorkerd, servedMiB } from "../../../bench/memory-workerd.ts";
import { DEFAULT_MAX_IMAGE_PIXELS } from "../../../functions/env.ts";
import { PHANTOM_SIZE_RANGE } from "../../../shared/lesion/phantom.ts";

/**
 * The 128 MB isolate guard (issue 16 part 6): the heaviest endpoint, at the deployed caps, must
 * stay within MEMORY_LIMIT_MIB counting the warm baseline (its models loaded) plus the request's
 * peak resident memory. Measured by bench/memory.ts's probe in a fresh Node process running the
 * worker's own app; with the old cap (4096²) the same measurement is several times the limit
 * (docs/loadtest.md), so this fails if the cap goes back up or a full-size buffer is added.
 * The detector's baseline is ONNX Runtime Web's compiled wasm, measured in workerd itself
 * (bench/memory-workerd.ts: Node 20 would charge it two to three times over); with fast-png's
 * decoder (35 MiB of buffers for the 1448² upload instead of 11) it measured above the limit.
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

  it(`keeps lesions/detect at its cap within ${LIMIT_MIB} MiB on the served path (workerd)`, async () => {
    const node = measure("lesions/detect", side, vars);
    const workerd = await measureInWorkerd("lesions/detect", side);
    console.log(`lesions/detect: ${JSON.stringify({ node, workerd, servedMiB: servedMiB(node, workerd) })}`);
    expect(workerd.status).toBe(200);
    expect(servedMiB(node, workerd)).toBeLessThanOrEqual(LIMIT_MIB);
  }, 300_000);
});
