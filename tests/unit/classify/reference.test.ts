import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeReference, REFERENCE_PATH } from "../../../trainers/classifier-demo/reference.ts";

type Json = number | string | boolean | null | Json[] | { [k: string]: Json };

/** Every number within `tol`, everything else equal, reporting the first mismatch's path. */
function expectClose(actual: Json, expected: Json, tol: number, path = ""): void {
  if (typeof expected === "number") {
    expect(typeof actual, path).toBe("number");
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
  } else if (Array.isArray(expected)) {
    expect((actual as Json[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as Json[])[i]!, e, tol, `${path}/${i}`));
  } else if (expected !== null && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected))
      expectClose((actual as Record<string, Json>)[k]!, e, tol, `${path}/${k}`);
  } else expect(actual, path).toEqual(expected);
}

describe("golden ONNX reference vectors (onnxruntime-node)", () => {
  const golden = JSON.parse(readFileSync(REFERENCE_PATH, "utf8")) as Json & { tolerance: number };

  it("are what onnxruntime-node computes today for the committed models, within the stored tolerance", async () => {
    const fresh = JSON.parse(JSON.stringify(await computeReference("models"))) as Json;
    expectClose(fresh, golden, golden.tolerance);
  });

  it("name their source and a tolerance of 1e-5", () => {
    expect(golden).toMatchObject({ source: expect.stringContaining("onnxruntime-node"), tolerance: 1e-5 });
  });
});
