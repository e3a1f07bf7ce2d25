import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasPosteriors } from "../../../shared/spn/draw-cache.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { spnConditional } from "../../../shared/spn/queries.ts";

const json = readFileSync("models/example/spn.json", "utf8");
const nltcs = readFileSync("models/nltcs/spn.json", "utf8");

describe("compiled posteriors are dropped once the draw cache holds every draw", () => {
  it("frees them after the first spread and answers as before", () => {
    const model = loadSpn(nltcs, "nltcs");
    expect(model.spn.posteriors).not.toBeNull();
    const first = spnConditional(model, { x3: 1 }, { x0: 1 });
    expect(model.spn.posteriors).toBeNull();
    expect(hasPosteriors(model.spn)).toBe(true);
    expect(first.parameterUncertainty).toBe(true);
    expect(spnConditional(model, { x3: 1 }, { x0: 1 })).toEqual(first);
    expect(spnConditional(loadSpn(nltcs, "nltcs"), { x3: 1 }, { x0: 1 })).toEqual(first);
  });

  it("a model without posterior statistics has none to drop", () => {
    const model = loadSpn(json, "example");
    expect(hasPosteriors(model.spn)).toBe(false);
  });
});
