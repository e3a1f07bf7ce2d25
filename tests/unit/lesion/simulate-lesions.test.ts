import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CoreError } from "../../../shared/errors.ts";
import type { Gray16Image, GrayImage } from "../../../shared/image/gray-image.ts";
import { renderPhantom, type Phantom } from "../../../shared/lesion/phantom.ts";
import { simulateLesions, type SimulateOptions } from "../../../shared/lesion/simulate-lesions.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import { checkSimulation, fingerprint } from "./simulation-checks.ts";

let phantom: Phantom;
let phantom16: Gray16Image;
beforeAll(() => {
  phantom = renderPhantom(createRng(2024), 384);
  const p16 = renderPhantom(createRng(2024), 384, 16).image;
  phantom16 = p16 as Gray16Image;
});

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const model = fc.constantFrom("attenuation" as const, "linear" as const, "beer-lambert" as const);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof CoreError) return `${e.code}${e.issues[0] ? ` ${e.issues[0].pointer}` : ""}`;
    throw e;
  }
  return "no error";
}

describe("simulateLesions properties (phantom)", () => {
  it("inside the lung mask: pixels follow the formula exactly, others stay bit-identical", () => {
    fc.assert(
      fc.property(seed, model, fc.integer({ min: 1, max: 3 }), (s, m, count) => {
        const result = simulateLesions(createRng(s), { image: phantom.image, mask: phantom.lungMask, count, model: m });
        expect(result.lesions).toHaveLength(count);
        expect(result.model).toBe(m);
        expect(checkSimulation(phantom.image, phantom.lungMask, result)).toEqual([]);
        expect(result.lesions.every((l) => l.placement === "mask")).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("without a mask (darkness test), on 16-bit images too", () => {
    fc.assert(
      fc.property(seed, model, fc.boolean(), (s, m, sixteen) => {
        const image: GrayImage = sixteen ? phantom16 : phantom.image;
        const result = simulateLesions(createRng(s), { image, model: m });
        expect(result.image.bitDepth).toBe(image.bitDepth);
        expect(checkSimulation(image, undefined, result)).toEqual([]);
        for (const l of result.lesions) expect(l.darknessThreshold).toBeGreaterThanOrEqual(90);
      }),
      { numRuns: 30 },
    );
  });

  it("same seed and options give byte-identical output; inputs are not mutated", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const before = fingerprint(phantom.image.data);
        const maskBefore = fingerprint(phantom.lungMask.data);
        const options: SimulateOptions = {
          image: phantom.image,
          mask: phantom.lungMask,
          preset: "moderate",
          model: "beer-lambert",
        };
        const a = simulateLesions(createRng(s), options);
        const b = simulateLesions(createRng(s), options);
        expect(fingerprint(a.image.data)).toBe(fingerprint(b.image.data));
        expect(fingerprint(a.mask.data)).toBe(fingerprint(b.mask.data));
        expect(a.lesions).toEqual(b.lesions);
        expect(fingerprint(phantom.image.data)).toBe(before);
        expect(fingerprint(phantom.lungMask.data)).toBe(maskBefore);
      }),
      { numRuns: 15 },
    );
  });

  it("uses explicit params as given and reports the theta it drew otherwise", () => {
    const params = { res: 4, persistence: 0.5, lacunarity: 2, scale: 0.7, smoothArea: 0.3, radius: 12 };
    const r = simulateLesions(createRng(1), { image: phantom.image, mask: phantom.lungMask, params, count: 2 });
    for (const l of r.lesions) {
      expect(l.params).toEqual(params);
      expect(l.theta).toBeUndefined();
      expect(l.radius).toBe(12);
    }
    const t = simulateLesions(createRng(1), { image: phantom.image, theta: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(t.lesions[0]!.theta).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    const drawn = simulateLesions(createRng(1), { image: phantom.image });
    expect(drawn.lesions[0]!.theta).toHaveLength(5);
    expect(drawn.model).toBe("attenuation"); // the default reports the attenuation it used
    expect(drawn.attenuation).toEqual({ mu: 0.02, thicknessMm: 100 });
    expect(simulateLesions(createRng(1), { image: phantom.image, model: "linear" }).attenuation).toBeUndefined();
    expect(simulateLesions(createRng(1), { image: phantom.image, model: "beer-lambert" }).attenuation).toEqual({
      mu: 0.02,
      thicknessMm: 100,
    });
  });

  it("draws 1, 2, 3 lesions with probabilities near 0.93 / 0.04 / 0.03", () => {
    const counts = [0, 0, 0];
    const tiny = renderPhantom(createRng(1), 64);
    for (let s = 0; s < 600; s++) counts[simulateLesions(createRng(s), { image: tiny.image }).lesions.length - 1]!++;
    expect(counts[0]! / 600).toBeGreaterThan(0.88);
    expect(counts[1]! + counts[2]!).toBeGreaterThan(10);
  });
});

describe("simulateLesions errors", () => {
  const ok = () => ({ image: phantom.image, mask: phantom.lungMask });

  it("rejects a mask of another size with mask-size-mismatch", () => {
    const mask = { width: 10, height: 10, data: new Uint8Array(100) };
    expect(codeOf(() => simulateLesions(createRng(1), { image: phantom.image, mask }))).toBe("mask-size-mismatch");
  });

  it("reports no-room-for-lesion for an empty mask or one too small for the lesion", () => {
    const { width, height } = phantom.image;
    const empty = { width, height, data: new Uint8Array(width * height) };
    expect(codeOf(() => simulateLesions(createRng(1), { image: phantom.image, mask: empty }))).toBe(
      "no-room-for-lesion",
    );
    const small = { width, height, data: new Uint8Array(width * height) };
    for (let y = 100; y < 110; y++) small.data.fill(255, y * width + 100, y * width + 110);
    const params = { res: 3, persistence: 0.5, lacunarity: 2, scale: 0.5, smoothArea: 0.5, radius: 20 };
    expect(codeOf(() => simulateLesions(createRng(1), { image: phantom.image, mask: small, params }))).toBe(
      "no-room-for-lesion",
    );
  });

  it("points invalid options at their JSON location", () => {
    const params = { res: 3, persistence: 0.5, lacunarity: 2, scale: 0.5, smoothArea: 0.5 };
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), theta: [0, 0, 2, 0, 0] }))).toBe(
      "invalid-input /theta/2",
    );
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), params: { ...params, scale: 0 } }))).toBe(
      "invalid-input /params/scale",
    );
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), count: 4 }))).toBe("invalid-input /count");
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), count: 1.5 }))).toBe("invalid-input /count");
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), preset: "easy" as never }))).toBe(
      "invalid-input /preset",
    );
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), model: "screen" as never }))).toBe(
      "invalid-input /model",
    );
    expect(
      codeOf(() =>
        simulateLesions(createRng(1), { ...ok(), model: "beer-lambert", attenuation: { mu: -1, thicknessMm: 5 } }),
      ),
    ).toBe("invalid-input /attenuation/mu");
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), params, preset: "subtle" }))).toBe(
      "invalid-input /theta",
    );
    expect(codeOf(() => simulateLesions(createRng(1), { ...ok(), params: { ...params, radius: 1000 } }))).toBe(
      "invalid-input /params/radius",
    );
  });
});
