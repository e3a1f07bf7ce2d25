import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { fastExp } from "../../../shared/spn/fast-exp.ts";

describe("fastExp", () => {
  it("agrees with Math.exp to 4 ulp (relative 8.9e-16) over [-745, 709]", () => {
    const rng = createRng(1);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = i % 2 === 0 ? -40 * rng.nextFloat() : 1454 * rng.nextFloat() - 745;
      const want = Math.exp(x);
      if (want < 2.2250738585072014e-308) continue; // subnormal results have absolute, not relative, precision
      worst = Math.max(worst, Math.abs(fastExp(x) / want - 1));
    }
    expect(worst).toBeLessThan(4 * 2.220446049250313e-16);
  });

  it("is exact at 0 and handles -Infinity, underflow, overflow and NaN like Math.exp", () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(-800)).toBe(0);
    expect(fastExp(800)).toBe(Infinity);
    expect(fastExp(NaN)).toBeNaN();
  });
});
