import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../shared/errors.ts";
import { thetaToParams, validateParams, validateTheta } from "../../../shared/lesion/lesion-params.ts";
import { drawTheta, PRESETS } from "../../../shared/lesion/presets.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

function pointerOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidInputError) return e.issues[0]?.pointer;
    throw e;
  }
  return undefined;
}

describe("theta -> params (table in docs/lesion-sim.md)", () => {
  it("maps the corners of [0, 1]^5 to the ends of each range", () => {
    expect(thetaToParams([0, 0, 0, 0, 0])).toEqual({
      res: 2,
      persistence: 0.2,
      lacunarity: 2,
      scale: 0.1,
      smoothArea: 0.2,
    });
    // theta = 1 is clamped into the integer ranges res 2-5 and lacunarity 2-4.
    expect(thetaToParams([1, 1, 1, 1, 1])).toEqual({
      res: 5,
      persistence: 1,
      lacunarity: 4,
      scale: 1,
      smoothArea: 0.8,
    });
  });

  it("floors res and lacunarity as the paper's code does", () => {
    const p = thetaToParams([0.49, 0.5, 0.34, 0.5, 0.5]);
    expect(p.res).toBe(3); // floor(2 + 1.96)
    expect(p.lacunarity).toBe(3); // floor(2 + 1.02)
    expect(p.persistence).toBeCloseTo(0.6, 15);
    expect(p.scale).toBeCloseTo(0.55, 15);
    expect(p.smoothArea).toBeCloseTo(0.5, 15);
  });
});

describe("validation pointers", () => {
  it("points at the offending theta entry", () => {
    expect(pointerOf(() => validateTheta([0, 0.5, 1.5, 0, 0]))).toBe("/theta/2");
    expect(pointerOf(() => validateTheta([0, 0.5, Number.NaN, 0, 0]))).toBe("/theta/2");
    expect(pointerOf(() => validateTheta([0, 0.5]))).toBe("/theta");
    expect(pointerOf(() => validateTheta([0, 0, 0, 0, 1]))).toBeUndefined();
  });

  it("points at the offending param", () => {
    const ok = { res: 3, persistence: 0.5, lacunarity: 2, scale: 0.5, smoothArea: 0.5 };
    expect(pointerOf(() => validateParams(ok, 100))).toBeUndefined();
    expect(pointerOf(() => validateParams({ ...ok, scale: 1.2 }, 100))).toBe("/params/scale");
    expect(pointerOf(() => validateParams({ ...ok, smoothArea: 0 }, 100))).toBe("/params/smoothArea");
    expect(pointerOf(() => validateParams({ ...ok, res: 0 }, 100))).toBe("/params/res");
    expect(pointerOf(() => validateParams({ ...ok, radius: 101 }, 100))).toBe("/params/radius");
  });
});

describe("presets", () => {
  it("draw theta inside their boxes, and subtle lesions are fainter than obvious ones", () => {
    const rng = createRng(4);
    for (const [name, box] of Object.entries(PRESETS)) {
      for (let k = 0; k < 50; k++) {
        const t = drawTheta(rng, box);
        t.forEach((v, i) => expect(v >= box[i]![0] && v <= box[i]![1], `${name} theta[${i}]`).toBe(true));
      }
    }
    const maxSubtle = 0.1 + 0.9 * PRESETS.subtle[3][1];
    const minObvious = 0.1 + 0.9 * PRESETS.obvious[3][0];
    expect(maxSubtle).toBeLessThan(minObvious);
  });
});
