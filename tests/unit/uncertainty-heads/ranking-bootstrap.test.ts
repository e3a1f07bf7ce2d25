import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { aurc, auroc } from "../../../trainers/spam-lpft/selective.ts";
import {
  rank,
  resampleCounts,
  weightedAurc,
  weightedAuroc,
} from "../../../trainers/uncertainty-heads/ranking-bootstrap.ts";
import { uncertaintyScores } from "../../../shared/uncertainty/scores.ts";

describe("presorted AUROC / AURC with multiplicities", () => {
  it("match selective.ts on the rows a bootstrap resample repeats (ties included)", () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 30 + trial;
      const scores = Float64Array.from({ length: n }, () => uniformInt(rng, 8) / 8); // many ties
      const error = Array.from({ length: n }, () => uniformInt(rng, 3) === 0);
      const counts = resampleCounts(rng, n);
      const rep = (i: number) => Array.from({ length: counts[i]! }, () => i);
      const rows = Array.from({ length: n }, (_, i) => rep(i)).flat();
      const s = rows.map((i) => scores[i]!);
      const e = rows.map((i) => error[i]!);
      const r = rank(scores, error);
      if (e.some(Boolean) && e.some((x) => !x)) {
        expect(weightedAuroc(r, counts)).toBeCloseTo(
          auroc(
            s.filter((_, k) => !e[k]),
            s.filter((_, k) => e[k]),
          ),
          12,
        );
      }
      expect(weightedAuroc(r)).toBeCloseTo(
        auroc(
          Array.from(scores).filter((_, i) => !error[i]),
          Array.from(scores).filter((_, i) => error[i]),
        ),
        12,
      );
      expect(weightedAurc(r)).toBeCloseTo(
        aurc(
          scores,
          error.map((x) => !x),
        ),
        12,
      );
    }
  });

  it("squared-loss excess risk (shared/uncertainty): 0 for agreeing members, Σ_c Var for disagreeing ones", () => {
    const risk = (p: number[], m: number, c: number) => uncertaintyScores(Float64Array.from(p), m, c).excessRisk;
    expect(risk([0.3, 0.7, 0.3, 0.7], 2, 2)).toBe(0);
    // p(c=0) ∈ {0.2, 0.6}: variance 0.04 per class, two classes (= 2 × the predicted class's variance).
    expect(risk([0.2, 0.8, 0.6, 0.4], 2, 2)).toBeCloseTo(0.08, 15);
    expect(uncertaintyScores(Float64Array.from([0.2, 0.8, 0.6, 0.4]), 2, 2).variance).toBeCloseTo(0.04, 15);
    // Three classes: members (0.5, 0.3, 0.2) and (0.1, 0.3, 0.6): variances 0.04, 0, 0.04.
    expect(risk([0.5, 0.3, 0.2, 0.1, 0.3, 0.6], 2, 3)).toBeCloseTo(0.08, 15);
  });
});
