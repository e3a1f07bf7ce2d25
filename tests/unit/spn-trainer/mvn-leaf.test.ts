import { describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import { fitNiwShared, niwComponentLogMarginal } from "../../../trainers/spn/hyper-niw.ts";
import { setMvnPrior, type MvnBlocks } from "../../../trainers/spn/leaf-mvn.ts";
import { mvnLogDensity, refreshMvnComponent, updateMvnComponent } from "../../../trainers/spn/leaf-mvn-predictive.ts";
import { niwLogMarginal, type NiwPrior } from "./niw-exact.ts";
import { searchGrid, withMvnLeaves } from "../../../trainers/spn/structure-search.ts";
import { train } from "../../../trainers/spn/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../../trainers/spn/train-options.ts";
import { tinyTable } from "./tiny-tabular.ts";
import { mvnState } from "./tiny-mvn.ts";

const ROWS = [
  [0.4, 1.1, -0.3, 0.2, 0.7, -0.2, 1.3, 0.5],
  [-1.3, -0.8, 0.5, 0.9, -0.4, 0.6, -1.0, 0.1],
  [0.9, 0.7, 1.4, 1.0, 0.3, 1.2, 0.8, -0.6],
  [2.2, 1.9, -0.6, -1.1, 1.5, -0.9, 2.0, 0.4],
  [0.1, 0.3, 0.2, -0.4, -0.1, 0.5, 0.0, 1.1],
  [-0.5, -0.2, 1.0, 0.8, -0.7, 0.9, -0.3, -1.2],
];

function firstBlock(b: MvnBlocks): number {
  for (let r = 0; r < b.p.length; r++) if (b.p[r]! > 0) return r;
  throw new Error("no block");
}

function priorOf(b: MvnBlocks, r: number): NiwPrior {
  const p = b.p[r]!;
  const at = b.varStart[r]!;
  return {
    mu0: Array.from(b.mu0.subarray(at, at + p)),
    kappa0: b.kappa0[r]!,
    nu0: b.nu0[r]!,
    psi0: Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? b.psi0[at + i]! : 0))),
  };
}

const block = (b: MvnBlocks, r: number, row: readonly number[]): number[] =>
  Array.from(b.vars.subarray(b.varStart[r]!, b.varStart[r]! + b.p[r]!), (d) => row[d]!);

describe("multivariate Gaussian (NIW) leaf, collapsed", () => {
  const data = tinyTable(Array(8).fill("continuous"), Array(8).fill(0), ROWS);
  const D = data.cols;

  it("predictive = ratio of closed-form NIW marginal likelihoods, through rank-one updates and downdates (1e-10)", () => {
    const st = mvnState(data, { sumComponents: 1, leafComponents: 1, partitions: 1, depth: 1 });
    const b = st.tab!.mvn!;
    const r = firstBlock(b);
    const c = st.graph.compStart[r]!;
    expect(b.p[r]).toBe(4);
    const prior = priorOf(b, r);
    const inside = [0, 1, 2, 3];
    for (const n of inside) updateMvnComponent(b, c, r, data.values!, n * D, 1);
    updateMvnComponent(b, c, r, data.values!, 1 * D, -1); // downdate: rows 0, 2, 3 remain
    const rows = [0, 2, 3].map((n) => block(b, r, ROWS[n]!));
    for (const q of [1, 4, 5]) {
      const exact = niwLogMarginal(prior, [...rows, block(b, r, ROWS[q]!)]) - niwLogMarginal(prior, rows);
      expect(mvnLogDensity(b, c, r, data.values!, q * D)).toBeCloseTo(exact, 10);
    }
    // An empty component: the prior predictive.
    const other = st.graph.compStart[r]!;
    for (const n of [0, 2, 3]) updateMvnComponent(b, other, r, data.values!, n * D, -1);
    expect(mvnLogDensity(b, c, r, data.values!, 4 * D)).toBeCloseTo(niwLogMarginal(prior, [block(b, r, ROWS[4]!)]), 10);
  });

  it("a missing block cell is marginalised: equals integrating it out numerically (1e-6)", () => {
    const st = mvnState(data, { sumComponents: 1, leafComponents: 1, partitions: 1, depth: 1 });
    const b = st.tab!.mvn!;
    const r = firstBlock(b);
    const c = st.graph.compStart[r]!;
    for (const n of [0, 1, 2]) updateMvnComponent(b, c, r, data.values!, n * D, 1);
    const missingVar = b.vars[b.varStart[r]! + 2]!;
    const row = Float64Array.from(ROWS[4]!);
    row[missingVar] = Number.NaN;
    const marginal = mvnLogDensity(b, c, r, row, 0);
    // Trapezoid rule over the missing coordinate (Student-t tails: a wide range, fine steps).
    let integral = 0;
    const h = 0.002;
    for (let v = -200; v <= 200; v += h) {
      row[missingVar] = v;
      integral += Math.exp(mvnLogDensity(b, c, r, row, 0)) * h;
    }
    expect(Math.log(integral)).toBeCloseTo(marginal, 5);
  });

  it("the empirical-Bayes objective is the closed-form NIW marginal, and its fit is a local maximum", () => {
    const st = mvnState(data, { sumComponents: 2, leafComponents: 2, partitions: 1, depth: 1 });
    const b = st.tab!.mvn!;
    const g = st.graph;
    const r = firstBlock(b);
    const [c0, c1] = [g.compStart[r]!, g.compStart[r]! + 1];
    for (const n of [0, 1, 2, 3]) updateMvnComponent(b, c0, r, data.values!, n * D, 1);
    for (const n of [4, 5]) updateMvnComponent(b, c1, r, data.values!, n * D, 1);
    const a = new Float64Array(2 * b.maxP * b.maxP + b.maxP);
    expect(niwComponentLogMarginal(b, c0, r, a)).toBeCloseTo(
      niwLogMarginal(
        priorOf(b, r),
        [0, 1, 2, 3].map((n) => block(b, r, ROWS[n]!)),
      ),
      10,
    );
    const ng = st.hyper.tabular!.normalGamma;
    fitNiwShared(b, ng, g.compStart, g.size);
    const total = (): number => {
      let s = 0;
      for (let q = 0; q < b.p.length; q++)
        for (let k = 0; k < g.size[q]! && b.p[q]! > 0; k++) s += niwComponentLogMarginal(b, g.compStart[q]! + k, q, a);
      return s;
    };
    const [nu, kappa] = [b.nuExtra, b.sharedKappa0];
    const best = total();
    for (const [dn, dk] of [
      [1.05, 1],
      [0.95, 1],
      [1, 1.05],
      [1, 0.95],
    ]) {
      b.nuExtra = nu * dn!;
      b.sharedKappa0 = kappa * dk!;
      setMvnPrior(b, ng);
      expect(total()).toBeLessThanOrEqual(best + 1e-9);
    }
  });

  it("rank-one factors stay equal to a refactorisation from the exact statistics (1e-9, 2,000 moves)", () => {
    const st = mvnState(data, { sumComponents: 1, leafComponents: 1, partitions: 1, depth: 1 });
    const b = st.tab!.mvn!;
    const r = firstBlock(b);
    const c = st.graph.compStart[r]!;
    const rng = createRng(5);
    const inside = new Set<number>();
    for (let t = 0; t < 2000; t++) {
      const n = uniformInt(rng, ROWS.length);
      const sign = inside.has(n) ? -1 : 1;
      if (sign === 1) inside.add(n);
      else inside.delete(n);
      updateMvnComponent(b, c, r, data.values!, n * D, sign);
    }
    const p = b.p[r]!;
    const chol = b.chol.slice(b.sqAt[c]!, b.sqAt[c]! + p * p);
    const mean = b.mean.slice(b.linAt[c]!, b.linAt[c]! + p);
    const logConst = b.logConst[c]!;
    refreshMvnComponent(b, c, r);
    for (let i = 0; i < p; i++) {
      expect(mean[i]!).toBeCloseTo(b.mean[b.linAt[c]! + i]!, 9);
      for (let j = 0; j <= i; j++) expect(chol[i * p + j]!).toBeCloseTo(b.chol[b.sqAt[c]! + i * p + j]!, 9);
    }
    expect(logConst).toBeCloseTo(b.logConst[c]!, 9);
  });

  it("leaves columns with a missing training cell, and binary tables, univariate", () => {
    const rows = ROWS.map((row) => row.slice(0, 4) as (number | null)[]);
    rows[2]![1] = null;
    const mixed = tinyTable(
      ["continuous", "continuous", "binary", "continuous"],
      [0, 0, 2, 0],
      rows.map((row) => [row[0]!, row[1]!, 1, row[3]!]).map((row, n) => (n === 2 ? [row[0]!, null, 1, row[3]!] : row)),
    );
    const st = mvnState(mixed, { sumComponents: 1, leafComponents: 1, partitions: 1, depth: 0 });
    const b = st.tab!.mvn!;
    const r = firstBlock(b);
    expect(Array.from(b.vars.subarray(b.varStart[r]!, b.varStart[r]! + b.p[r]!)).sort()).toEqual([0, 3]);
  });
});

describe("multivariate leaves in training runs", () => {
  const data = tinyTable(Array(8).fill("continuous"), Array(8).fill(0), ROWS);
  const options = {
    ...DEFAULT_TRAIN_OPTIONS,
    burnIn: 6,
    iterations: 6,
    thin: 2,
    members: 3,
    structure: { sumComponents: 2, leafComponents: 2, partitions: 2, depth: 1, leaf: "mvn" as const },
  };

  it("same seed -> identical members (weights, leaf parameters, block statistics)", () => {
    const [a, b] = [train(data, null, options), train(data, null, options)];
    expect(a.state.tab!.mvn).not.toBeNull();
    expect(a.members.length).toBe(3);
    a.members.forEach((m, i) => {
      expect(Buffer.from(m.weights.buffer).equals(Buffer.from(b.members[i]!.weights.buffer))).toBe(true);
      expect(Buffer.from(m.stats!.mvn!.outer.buffer).equals(Buffer.from(b.members[i]!.stats!.mvn!.outer.buffer))).toBe(
        true,
      );
    });
    expect(a.hyper.tabular!.normalGamma).toEqual(b.hyper.tabular!.normalGamma);
  });

  it("without complete continuous columns the grid has no mvn candidates; withMvnLeaves adds an mvn twin of each structure", () => {
    expect(searchGrid(20_000).every((c) => c.structure.leaf === undefined)).toBe(true);
    expect(searchGrid(300).every((c) => c.structure.leaf === undefined)).toBe(true);
    const twins = withMvnLeaves(searchGrid(300));
    expect(twins.length).toBe(2 * searchGrid(300).length);
    expect(twins.filter((c) => c.structure.leaf === "mvn").map((c) => c.label)).toEqual(
      searchGrid(300).map((c) => `${c.label} mvn`),
    );
  });

  it("a binary (DEBD) table gets no blocks even when asked", () => {
    const bin = { rows: 3, cols: 4, x: Uint8Array.from([0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1]) };
    const r = train(bin, null, { ...options, burnIn: 2, iterations: 2, members: 1 });
    expect(r.state.tab).toBeNull();
  });
});
