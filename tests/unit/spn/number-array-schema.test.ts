import { describe, expect, it } from "vitest";
import { z } from "zod";
import { numberArray } from "../../../shared/spn/number-array-schema.ts";

const issues = (schema: z.ZodType, value: unknown) =>
  schema.safeParse({ a: value }).error?.issues.map((i) => [i.path, i.message]);

describe("numberArray (artifact number arrays checked without a copy)", () => {
  const ours = z.object({ a: numberArray() });
  const zods = z.object({ a: z.array(z.number()) });

  it("reports what z.array(z.number()) reports, at the same paths", () => {
    for (const bad of [[1, "x", 3], 5, [1, null], undefined, [Number.NaN], "12", [[1]]]) {
      expect(issues(ours, bad)).toEqual(issues(zods, bad));
    }
  });

  it("accepts finite numbers and returns the very array it was given", () => {
    const a = [1, -2.5, 1e-300];
    const parsed = ours.parse({ a });
    expect(parsed.a).toBe(a);
    expect(ours.parse({ a: [] }).a).toEqual([]);
  });
});
