import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadSpn, spnConditional, spnMarginals, spnMpe } from "../../shared/spn/index.ts";
import { mvnMixtureArtifact } from "../unit/spn/mvn-model.ts";
import { appWith, json, modelFolder } from "./fixtures.ts";

/**
 * The mixed-table models as a user reaches them: listed in /v1/models, named continuous and
 * categorical variables, and the README's queries. The expected figures are what the Node library
 * gives on the same artifact (README, docs/spn-tables.md), so worker and library agree.
 */
describe("mixed-table SPNs served by the worker", () => {
  it("lists wdbc and penguins as ready SPN models", async () => {
    const { models } = (await (await SELF.fetch("http://api/v1/models")).json()) as {
      models: { name: string; kind: string }[];
    };
    const names = models.filter((m) => m.kind === "spn").map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["wdbc", "penguins"]));
  });

  it("answers p(diagnosis = malignant | three measurements) with the other 27 marginalised", async () => {
    const res = await SELF.fetch(
      "http://api/v1/spn/wdbc/conditional",
      json({
        query: { diagnosis: "malignant" },
        evidence: { radius_worst: 23.0, texture_worst: 30.0, concave_points_worst: 0.2 },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { prob: number };
    expect(body.prob).toBeCloseTo(0.94145, 4); // Node library, same artifact (README; mvn leaves)
    const benign = (await (
      await SELF.fetch(
        "http://api/v1/spn/wdbc/conditional",
        json({
          query: { diagnosis: "malignant" },
          evidence: { radius_worst: 13.0, texture_worst: 20.0, concave_points_worst: 0.07 },
        }),
      )
    ).json()) as { prob: number };
    expect(benign.prob).toBeLessThan(0.1);
  });

  it("gives penguin species marginals and a Gaussian body-mass posterior in grams", async () => {
    const res = await SELF.fetch(
      "http://api/v1/spn/penguins/marginals",
      json({ evidence: { "Flipper Length (mm)": 215, "Beak Depth (mm)": 15.5 }, variables: ["Species"] }),
    );
    const { marginals } = (await res.json()) as { marginals: { Species: Record<string, number> } };
    expect(marginals.Species.Gentoo).toBeCloseTo(0.99575, 4); // Node library, same artifact (README)
    const mass = (await (
      await SELF.fetch(
        "http://api/v1/spn/penguins/marginals",
        json({ evidence: { Species: "Gentoo", Sex: "FEMALE" }, variables: ["Body Mass (g)"] }),
      )
    ).json()) as { marginals: Record<string, { mean: number }> };
    expect(mass.marginals["Body Mass (g)"]!.mean).toBeCloseTo(4620.06, 1); // Node library: 4620.06 g
  });

  it("serves wdbc's multivariate Gaussian leaves: an absent measurement's posterior given three, and MPE completions", async () => {
    const evidence = { radius_worst: 23.0, texture_worst: 30.0, concave_points_worst: 0.2 };
    const res = await SELF.fetch("http://api/v1/spn/wdbc/marginals", json({ evidence, variables: ["area_worst"] }));
    expect(res.status).toBe(200);
    const { marginals } = (await res.json()) as { marginals: Record<string, { mean: number; variance: number }> };
    expect(marginals.area_worst!.mean).toBeCloseTo(1677.759, 2); // Node library, same artifact
    expect(marginals.area_worst!.variance).toBeCloseTo(12770.104, 1);
    const mpe = (await (await SELF.fetch("http://api/v1/spn/wdbc/mpe", json({ evidence }))).json()) as {
      assignment: Record<string, number | string>;
    };
    expect(mpe.assignment.radius_worst).toBe(23.0);
    expect(mpe.assignment.radius_mean).toBeCloseTo(20.42729, 4); // Node library, same artifact
  });

  it("serves multivariate Gaussian (mvn) leaves as the Node library does: marginals, conditional, MPE", async () => {
    const artifact = mvnMixtureArtifact();
    const app = appWith({ mvn: await modelFolder("mvn", "spn", { "spn.json": JSON.stringify(artifact) }) });
    const node = loadSpn(artifact, "mvn");
    const evidence = { g0: 0.4, u: -0.3 };
    const res = await app.request("/v1/spn/mvn/marginals", json({ evidence, variables: ["g1", "c"] }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { marginals: { g1: { mean: number; variance: number } } };
    const expected = spnMarginals(node, evidence, ["g1", "c"]).marginals.find((a) => a.variable === "g1")!;
    if (expected.type !== "gaussian") throw new Error("g1 is gaussian");
    expect(body.marginals.g1.mean).toBeCloseTo(expected.mean, 12);
    expect(body.marginals.g1.variance).toBeCloseTo(expected.variance, 12);
    const cond = await app.request("/v1/spn/mvn/conditional", json({ query: { c: 1 }, evidence }));
    expect(((await cond.json()) as { prob: number }).prob).toBeCloseTo(
      spnConditional(node, { c: 1 }, evidence).prob,
      12,
    );
    const mpe = (await (await app.request("/v1/spn/mvn/mpe", json({ evidence }))).json()) as {
      assignment: Record<string, number>;
    };
    expect(mpe.assignment.g0).toBe(0.4);
    expect(mpe.assignment.g2).toBeCloseTo(spnMpe(node, evidence).assignment.g2 as number, 12);
  });
});
