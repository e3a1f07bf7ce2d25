import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InvalidArtifactError } from "../../../shared/errors.ts";
import type { SpnStoredArtifact } from "../../../shared/spn/artifact-schema.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { withPosteriorMeans } from "../../../shared/spn/posterior-means.ts";

const read = (model: string): SpnStoredArtifact =>
  JSON.parse(readFileSync(`models/${model}/spn.json`, "utf8")) as SpnStoredArtifact;

/** The artifact as the trainer now writes binary models: counts and priors, no posterior means. */
const slim = (a: SpnStoredArtifact): SpnStoredArtifact => ({
  ...a,
  members: a.members.map(({ weights: _w, leafParams: _l, ...rest }) => rest),
});

describe("posterior means derived from a member's counts", () => {
  // nltcs and plants were written with their means stored: deriving them must give the same bits.
  for (const model of ["nltcs", "plants"]) {
    it(`equal the stored parameters of the shipped ${model}, bit for bit`, () => {
      const stored = read(model);
      if (!stored.members.every((m) => m.weights && m.posterior)) return; // already slim: nothing to compare
      const derived = withPosteriorMeans(slim(stored), model);
      derived.members.forEach((m, s) => {
        expect(Float64Array.from(m.weights)).toEqual(Float64Array.from(stored.members[s]!.weights!));
        expect(Float64Array.from(m.leafParams)).toEqual(Float64Array.from(stored.members[s]!.leafParams!));
      });
    });
  }

  it("load a slim artifact to the same compiled model", () => {
    const stored = read("nltcs");
    const full = loadSpn(stored, "nltcs").spn.members[0]!;
    const fromCounts = loadSpn(slim(stored), "nltcs").spn.members[0]!;
    expect(fromCounts.logWeights).toEqual(full.logWeights);
    expect(fromCounts.leafLogParams).toEqual(full.leafLogParams);
  });

  it("refuse a member with neither parameters nor counts, or with only one of the two arrays", () => {
    const stored = read("nltcs");
    const { posterior: _p, ...bare } = slim(stored).members[0]!;
    expect(() => loadSpn({ ...stored, members: [bare] }, "nltcs")).toThrow(/no posterior to derive them from/);
    const half = { ...stored.members[0]!, leafParams: undefined };
    expect(() => loadSpn({ ...stored, members: [half] }, "nltcs")).toThrow(InvalidArtifactError);
  });

  it("name the member when its counts are too short", () => {
    const stored = slim(read("nltcs"));
    const m = stored.members[0]!;
    const short = { ...m, posterior: { ...m.posterior!, leafStats: m.posterior!.leafStats.slice(0, 10) } };
    expect(() => loadSpn({ ...stored, members: [short] }, "nltcs")).toThrow(InvalidArtifactError);
  });
});
