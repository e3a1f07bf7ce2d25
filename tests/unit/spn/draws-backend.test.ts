import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadSpn, setSpnBackend, spnConditional } from "../../../shared/spn/index.ts";

// The parameter-draw spread overwrites one reused member per draw; the WebAssembly evaluator
// keeps its own copy of each member's parameters, so it must see every overwrite. Reference: the
// JS evaluator on the same draws.
afterEach(() => setSpnBackend("auto"));

describe("parameter-draw spread on models/nltcs", () => {
  it("is the same through the WebAssembly and the JS evaluator", () => {
    const answer = (backend: "wasm" | "js") => {
      setSpnBackend(backend);
      const model = loadSpn(readFileSync(new URL("../../../models/nltcs/spn.json", import.meta.url), "utf8"), "nltcs");
      return spnConditional(model, { x0: 1 }, { x3: 0, x7: 1 });
    };
    const wasm = answer("wasm");
    const js = answer("js");
    expect(wasm.parameterUncertainty).toBe(true);
    const [w, j] = [JSON.stringify(wasm), JSON.stringify(js)];
    const numbers = (s: string) => (s.match(/-?\d+\.\d+(e-?\d+)?/g) ?? []).map(Number);
    const [nw, nj] = [numbers(w), numbers(j)];
    expect(nw.length).toBe(nj.length);
    nw.forEach((x, i) => expect(x).toBeCloseTo(nj[i]!, 10));
  });
});
