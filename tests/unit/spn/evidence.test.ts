import { describe, expect, it } from "vitest";
import { CoreError } from "../../../shared/errors.ts";
import {
  loadSpn,
  MAX_BATCH_ROWS,
  parseEvidenceBatch,
  parseEvidenceRow,
  parseQueryAndEvidence,
  spnMarginals,
} from "../../../shared/spn/index.ts";

const model = loadSpn({
  format: "spn",
  formatVersion: 1,
  variables: [
    { name: "smoker", type: "bernoulli", states: ["no", "yes"] },
    { name: "colour", type: "categorical", states: ["red", "green", "blue"] },
    { name: "age", type: "gaussian" },
    { name: "a/b~c", type: "bernoulli" },
  ],
  nodes: [
    { kind: "leaf", variable: 0 },
    { kind: "leaf", variable: 1 },
    { kind: "leaf", variable: 2 },
    { kind: "leaf", variable: 3 },
    { kind: "product", children: [0, 1, 2, 3] },
  ],
  members: [{ weights: [], leafParams: [0.2, 0.1, 0.3, 0.6, 40, 10, 0.5] }],
});
const { spn } = model;

function errorOf(f: () => unknown): CoreError {
  try {
    f();
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error("expected a CoreError");
}

describe("evidence parsing", () => {
  it("accepts state names, state indices and finite numbers; absent variables are NaN", () => {
    const byName = parseEvidenceRow(spn, { smoker: "yes", colour: "blue", age: 41.5 }, "/evidence");
    expect([...byName]).toEqual([1, 2, 41.5, NaN]);
    expect([...parseEvidenceRow(spn, { smoker: 1, colour: 2, age: 41.5 }, "/evidence")]).toEqual([...byName]);
    expect([...parseEvidenceRow(spn, { "a/b~c": "1" }, "/e")]).toEqual([NaN, NaN, NaN, 1]);
  });

  it("lays a batch out variable-major", () => {
    const batch = parseEvidenceBatch(spn, [{ smoker: "no" }, { colour: "green", age: 3 }], "/rows");
    expect(batch.rowCount).toBe(2);
    expect([...batch.values]).toEqual([0, NaN, NaN, 1, NaN, 3, NaN, NaN]);
  });

  it("throws unknown-variable pointing at the caller's prefix and the escaped name", () => {
    const e = errorOf(() => parseEvidenceBatch(spn, [{}, {}, {}, { "we/ird~": 1 }], "/evidence"));
    expect(e.code).toBe("unknown-variable");
    expect(e.issues).toEqual([{ pointer: "/evidence/3/we~1ird~0", detail: 'no variable named "we/ird~"' }]);
  });

  it("throws unknown-state for an unknown state name or an index out of range", () => {
    const byName = errorOf(() => parseEvidenceRow(spn, { colour: "purple" }, "/evidence"));
    expect(byName.code).toBe("unknown-state");
    expect(byName.issues[0]!.pointer).toBe("/evidence/colour");
    expect(byName.message).toContain('"red", "green", "blue"');
    expect(errorOf(() => parseEvidenceRow(spn, { colour: 3 }, "/q")).issues[0]!.pointer).toBe("/q/colour");
    expect(errorOf(() => parseEvidenceRow(spn, { smoker: -1 }, "/q")).code).toBe("unknown-state");
  });

  it("throws wrong-value-type for a string gaussian, a fractional index, a boolean or null", () => {
    for (const [row, pointer] of [
      [{ age: "old" }, "/e/age"],
      [{ colour: 1.5 }, "/e/colour"],
      [{ smoker: true }, "/e/smoker"],
      [{ age: null }, "/e/age"],
      [{ age: Infinity }, "/e/age"],
    ] as const) {
      const e = errorOf(() => parseEvidenceRow(spn, row, "/e"));
      expect(e.code).toBe("wrong-value-type");
      expect(e.issues[0]!.pointer).toBe(pointer);
    }
  });

  it("throws invalid-input when a row is not an object", () => {
    const e = errorOf(() => parseEvidenceBatch(spn, [{}, [1, 2]], "/rows"));
    expect([e.code, e.issues[0]!.pointer]).toEqual(["invalid-input", "/rows/1"]);
  });

  it("throws query-evidence-overlap pointing at the query variable", () => {
    const e = errorOf(() => parseQueryAndEvidence(spn, { age: 30 }, { smoker: "no", age: 30 }, "/query", "/evidence"));
    expect(e.code).toBe("query-evidence-overlap");
    expect(e.issues[0]!.pointer).toBe("/query/age");
  });

  it("throws cap-exceeded naming MAX_BATCH_ROWS for too many rows", () => {
    const e = errorOf(() => parseEvidenceBatch(spn, new Array(MAX_BATCH_ROWS + 1).fill({}), "/rows"));
    expect([e.code, e.issues[0]!.pointer]).toEqual(["cap-exceeded", "/rows"]);
    expect(e.message).toContain("MAX_BATCH_ROWS");
  });

  it("throws unknown-variable for an unknown name in a marginals variable list", () => {
    const e = errorOf(() => spnMarginals(model, {}, ["age", "height"]));
    expect([e.code, e.issues[0]!.pointer]).toEqual(["unknown-variable", "/variables/1"]);
  });
});
