import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../shared/errors.ts";
import { renderPhantom } from "../../../shared/lesion/phantom.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import { fingerprint } from "./simulation-checks.ts";

describe("thorax phantom", () => {
  it("is reproducible from the seed and differs between seeds", () => {
    const a = renderPhantom(createRng(7), 128);
    expect(fingerprint(renderPhantom(createRng(7), 128).image.data)).toBe(fingerprint(a.image.data));
    expect(fingerprint(renderPhantom(createRng(8), 128).image.data)).not.toBe(fingerprint(a.image.data));
  });

  it("has dark lungs inside a bright body, with a lung mask covering them", () => {
    const { image, lungMask } = renderPhantom(createRng(3), 256);
    let lungSum = 0,
      lungN = 0,
      bodySum = 0,
      bodyN = 0;
    for (let i = 0; i < image.data.length; i++) {
      const y = Math.floor(i / 256);
      if (lungMask.data[i]) {
        lungSum += image.data[i]!;
        lungN++;
      } else if (y > 215 && i % 256 > 60 && i % 256 < 196) {
        bodySum += image.data[i]!;
        bodyN++;
      } // abdomen
    }
    expect(lungN / (256 * 256)).toBeGreaterThan(0.1);
    expect(lungSum / lungN).toBeLessThan(90); // the darkness test's threshold on the 8-bit scale
    expect(bodySum / bodyN).toBeGreaterThan(150);
    expect(image.data[0]).toBeLessThan(10); // air outside the body
  });

  it("renders at any size in 64..1448 and in 16 bits", () => {
    expect(renderPhantom(createRng(1), 64).image.width).toBe(64);
    const deep = renderPhantom(createRng(1), 100, 16).image;
    expect(deep.bitDepth).toBe(16);
    expect(Math.max(...deep.data)).toBeGreaterThan(255);
    expect(() => renderPhantom(createRng(1), 63)).toThrow(InvalidInputError);
    expect(() => renderPhantom(createRng(1), 1449)).toThrow(InvalidInputError);
    expect(() => renderPhantom(createRng(1), 100.5)).toThrow(InvalidInputError);
  });
});
