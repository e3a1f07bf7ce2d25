import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import type { SpnArtifact } from "../../../shared/spn/artifact-schema.ts";
import type { CompiledMember } from "../../../shared/spn/compiled-spn.ts";
import { logProbRow } from "../../../shared/spn/log-prob.ts";
import { loadSpn } from "../../../shared/spn/load.ts";
import { mvnPatternBytes } from "../../../shared/spn/mvn-pattern.ts";
import { drawParameters } from "../../../shared/spn/posterior.ts";
import { spnConditional, spnLogProb, spnMarginals, spnMpe, spnSample } from "../../../shared/spn/queries.ts";
import { mvnMixtureArtifact } from "./mvn-model.ts";

/** The test mixture with the second member's covariances scaled, so that members' factors differ. */
function artifact(): SpnArtifact {
  const a = mvnMixtureArtifact();
  const second = a.members[1]!.mvn!;
  // Leaf blocks [n, mu (3), L packed (6)]: scale L.
  a.members[1]!.mvn = { ...second, leaves: second.leaves.map((x, i) => (i % 10 >= 4 ? 1.3 * x : x)) };
  return a;
}

/** Every missing pattern of g0..g2 (and u), with c observed or not: 16 evidence rows. */
const PATTERNS = Array.from({ length: 16 }, (_, k) =>
  Object.fromEntries(
    [
      ["g0", 0.7],
      ["g1", -1.2],
      ["g2", 2.5],
      ["u", 0.4],
    ].filter((_, i) => (k >> i) & 1),
  ),
);

/** Every query kind on every pattern: one "request" each, as the worker would send them. */
function requests(model: ReturnType<typeof loadSpn>): unknown[] {
  return PATTERNS.flatMap((e) => [
    spnMarginals(model, e),
    spnConditional(model, { c: "b" }, e),
    spnMpe(model, e),
    spnLogProb(model, [e]),
    spnSample(createRng(3), model, 5, e),
  ]);
}

describe("mvn pattern factors: one slot per leaf, shared by members and parameter draws", () => {
  it("the slots never hold more than one p x p factor per leaf, however many requests, members and patterns", () => {
    const model = loadSpn(artifact(), "mvn-cache");
    const mvn = model.spn.mvn!;
    // One factor (p^2 doubles) and one order (p int32) per mvn leaf.
    const bound = Array.from(mvn.p).reduce((a, p) => a + 8 * p * p + 4 * p, 0);
    expect(model.spn.members.length).toBeGreaterThan(1); // a slot per member would exceed the bound
    requests(model);
    const afterOne = mvnPatternBytes(model.spn);
    expect(afterOne).toBeGreaterThan(0);
    expect(afterOne).toBeLessThanOrEqual(bound);
    for (let round = 0; round < 3; round++) requests(model);
    expect(mvnPatternBytes(model.spn)).toBe(afterOne);
  });

  it("answers do not depend on what the shared slots held before (a fresh model gives the same bits)", () => {
    const warm = loadSpn(artifact(), "mvn-warm");
    requests(warm); // every slot now holds some other member's, draw's or pattern's factor
    const again = requests(warm);
    const fresh = requests(loadSpn(artifact(), "mvn-fresh"));
    expect(JSON.stringify(again)).toBe(JSON.stringify(fresh));
  });

  it("a member never reads another member's factor: each equals the same member loaded alone", () => {
    const a = artifact();
    const both = loadSpn(a, "mvn-both");
    const alone = [0, 1].map((s) => loadSpn({ ...a, members: [a.members[s]!] }, `mvn-alone-${s}`));
    const names = ["c", "g0", "g1", "g2", "u"];
    for (const e of PATTERNS) {
      const row = Float64Array.from(names, (k) => (e[k] as number | undefined) ?? NaN);
      for (const s of [0, 1, 0]) expect(logProbRow(both.spn, s, row)).toBe(logProbRow(alone[s]!.spn, 0, row));
    }
  });

  it("NIW draws reuse one scratch: the same seed gives the same parameters after other draws", () => {
    const { spn } = loadSpn(artifact(), "mvn-draws");
    const P = spn.members[0]!.leafLogParams.length;
    const member = (): CompiledMember => ({
      logWeights: new Float64Array(spn.edgeCount),
      leafLogParams: new Float64Array(P),
    });
    const first = member();
    drawParameters(createRng(11), spn, spn.posteriors![0]!, first);
    const other = member();
    for (let i = 0; i < 5; i++) drawParameters(createRng(100 + i), spn, spn.posteriors![1]!, other);
    const second = member();
    drawParameters(createRng(11), spn, spn.posteriors![0]!, second);
    expect(Array.from(second.leafLogParams)).toEqual(Array.from(first.leafLogParams));
    expect(Array.from(other.leafLogParams)).not.toEqual(Array.from(first.leafLogParams));
  });
});
