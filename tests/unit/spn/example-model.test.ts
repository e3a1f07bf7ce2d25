import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { loadSpn, spnConditional, spnLogProb, spnMarginals, spnMpe, spnSample } from "../../../shared/spn/index.ts";

const model = loadSpn(readFileSync(new URL("../../../models/example/spn.json", import.meta.url), "utf8"), "example");

describe("models/example/spn.json", () => {
  it("loads as a selective 5-variable SPN with 3 posterior members", () => {
    expect(model.variables.map((v) => v.name)).toEqual(["season", "flu", "fever", "cough", "temperature"]);
    expect(model.memberCount).toBe(3);
    expect(model.selective).toBe(true);
  });

  it("answers logprob with a spread across members and marginalises absent variables to log 1", () => {
    const [full, none] = spnLogProb(model, [
      { season: "winter", flu: "yes", fever: "yes", cough: "yes", temperature: 39 },
      {},
    ]);
    expect(full!.uncertainty!.std).toBeGreaterThan(0);
    expect(none!.logProb).toBeCloseTo(0, 12);
  });

  it("raises p(flu) when fever and cough are observed, and the marginals agree with the conditional", () => {
    const prior = spnConditional(model, { flu: "yes" }, {});
    const post = spnConditional(model, { flu: "yes" }, { fever: "yes", cough: "yes" });
    expect(post.prob).toBeGreaterThan(5 * prior.prob);
    const flu = spnMarginals(model, { fever: "yes", cough: "yes" }, ["flu"]).marginals[0]!;
    expect(flu.type === "bernoulli" && flu.probabilities.yes).toBeCloseTo(post.prob, 12);
  });

  it("returns the mixture MPE, exact only when certified by the members' bound", () => {
    const got = spnMpe(model, { fever: "yes", cough: "yes" });
    expect(got.assignment).toMatchObject({ flu: "yes", fever: "yes", cough: "yes" });
    expect(typeof got.exact).toBe("boolean");
    expect(got.uncertainty).not.toBeNull();
  });

  it("gives p(fever = no | season = winter) from /marginals equal to the logprob ratio (issue 13: 0.79330 vs 0.79331)", () => {
    const fever = spnMarginals(model, { season: "winter" }, ["fever"]).marginals[0]!;
    const [joint, evidence] = spnLogProb(model, [{ season: "winter", fever: "no" }, { season: "winter" }]);
    const ratio = Math.exp(joint!.logProb - evidence!.logProb);
    expect(fever.type === "bernoulli" && fever.probabilities.no).toBeCloseTo(ratio, 12);
  });

  it("samples named values that respect the evidence", () => {
    const draws = spnSample(createRng(3), model, 50, { season: "summer" });
    expect(draws).toHaveLength(50);
    for (const d of draws) {
      expect(d.season).toBe("summer");
      expect(["no", "yes"]).toContain(d.flu);
      expect(typeof d.temperature).toBe("number");
    }
  });
});
