import { describe, expect, it } from "vitest";
import { z } from "zod";
import { numberArray } from "../../../shared/spn/array-in-place.ts";
import {
  SpnArtifactSchema,
  SpnMemberSchema,
  SpnNodeSchema,
  SpnPosteriorSchema,
} from "../../../shared/spn/artifact-schema.ts";

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

describe("spn.json nodes and counts checked in place", () => {
  const base = { format: "spn", formatVersion: 1, variables: [{ name: "a", type: "bernoulli" }] };
  const member = (sumCounts: unknown) => ({ posterior: { sumAlpha: 1, sumCounts, leafPriors: [], leafStats: [] } });
  const reference = SpnArtifactSchema.extend({
    nodes: z.array(SpnNodeSchema).min(1),
    members: z.array(
      SpnMemberSchema.extend({
        posterior: SpnPosteriorSchema.extend({ sumCounts: z.array(z.number().nonnegative()) }),
      }),
    ),
  });
  const issues = (schema: z.ZodType, value: unknown) =>
    schema.safeParse(value).error?.issues.map((i) => [i.path, i.message]);

  it("reports what the copying schemas report, at the same paths", () => {
    const good = { kind: "leaf", variable: 0 };
    for (const nodes of [
      [],
      5,
      [good, { kind: "sum", children: [] }],
      [good, { kind: "product", children: [0, -1] }],
      [good, { kind: "mvn", variables: Array.from({ length: 31 }, (_, i) => i) }],
      [{ kind: "leaf", variable: 1.5 }],
      [{ kind: "bag" }],
      [null, "x"],
    ]) {
      const value = { ...base, nodes, members: [member([1])] };
      expect(issues(SpnArtifactSchema, value)).toEqual(issues(reference, value));
    }
    const badCounts = { ...base, nodes: [good], members: [member([1, -2, "x"])] };
    expect(issues(SpnArtifactSchema, badCounts)).toEqual(issues(reference, badCounts));
  });

  it("keeps the very node objects and count arrays it was given", () => {
    const nodes = [{ kind: "leaf", variable: 0 }];
    const counts = [3, 0.5];
    const parsed = SpnArtifactSchema.parse({ ...base, nodes, members: [member(counts)] });
    expect(parsed.nodes).toBe(nodes);
    expect(parsed.members[0]!.posterior!.sumCounts).toBe(counts);
  });
});
