import { describe, expect, it } from "vitest";
import { fitGaussian, gaussianBaselines } from "../../../trainers/spn/score-baselines.ts";

const columns = ["a", "b", "c"].map((name) => ({ name, kind: "gaussian" as const, states: [] }));

describe("spn:score's Gaussian baselines on tables with missing cells", () => {
  it("shrink a pairwise-complete covariance that is not positive definite just enough, so every row scores", () => {
    // Each pair seen together in its own rows: a ~ b, b ~ c, but a ~ -c. No covariance matrix has these.
    const train = [
      ["1", "1", ""],
      ["-1", "-1", ""],
      ["", "1", "1"],
      ["", "-1", "-1"],
      ["1", "", "-1"],
      ["-1", "", "1"],
    ];
    const fit = fitGaussian(train, [0, 1, 2]);
    expect(fit.shrinkage).toBeGreaterThan(0);
    expect(fit.shrinkage).toBeLessThan(1);
    // Correlations +-1 scaled by r = 1 - lambda: [[1, r, -r], [r, 1, r], [-r, r, 1]] has the eigenvalue 1 - 2r
    // (eigenvector (1, -1, 1)), positive iff lambda > 1/2; the smallest grid step above it is 129/256.
    expect(fit.shrinkage).toBe(129 / 256);
    const b = gaussianBaselines(columns, train, [["0.5", "0.4", "-0.3"]]);
    expect(Number.isFinite(b.fullCovariance)).toBe(true);
    expect(b.fullCovarianceShrinkage).toBe(fit.shrinkage);
    expect(JSON.parse(JSON.stringify(b)).fullCovariance).not.toBeNull();
  });

  it("leave a positive-definite covariance as it is", () => {
    const train = [
      ["1", "2", "0"],
      ["2", "3", "1"],
      ["0", "1", "1"],
      ["3", "5", "0"],
    ];
    const fit = fitGaussian(train, [0, 1, 2]);
    expect(fit.shrinkage).toBe(0);
    expect(fit.cov[1]).toBeCloseTo((-0.5 * -0.75 + 0.5 * 0.25 + -1.5 * -1.75 + 1.5 * 2.25) / 4, 12);
  });
});
