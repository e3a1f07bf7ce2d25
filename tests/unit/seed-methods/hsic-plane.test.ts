import { describe, expect, it } from "vitest";
import { createRng } from "../../../shared/numeric/rng.ts";
import { loadPenguins } from "../../../trainers/hsic-plane/penguins.ts";
import { tracePlane } from "../../../trainers/hsic-plane/plane.ts";
import { planeSvg } from "../../../trainers/hsic-plane/svg.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";

describe("HSIC information plane on the penguins table (vega-datasets)", () => {
  it("traces every layer in both modes, learns the task, and draws one polyline per layer and mode", async () => {
    await useWasmBackend();
    const { train, test } = loadPenguins(createRng(1));
    expect(train.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    const s = { layers: 2, width: 8, epochs: 60, every: 20, rate: 0.02, seed: 1 };
    const runs = (["end-to-end", "layer-wise"] as const).map((mode) => tracePlane(mode, train, test, s));
    for (const run of runs) {
      expect(run.trajectories).toHaveLength(2);
      for (const points of run.trajectories) {
        expect(points.map((p) => p.epoch)).toEqual([0, 20, 40, 60]);
        for (const p of points)
          for (const v of [p.inputHsic, p.labelHsic])
            expect(v).toBeGreaterThan(0), expect(v).toBeLessThanOrEqual(1 + 1e-9);
        // Training raises the dependence of every layer on the label.
        expect(points.at(-1)!.labelHsic).toBeGreaterThan(points[0]!.labelHsic);
      }
      expect(run.testAccuracy).toBeGreaterThan(0.9);
    }
    // Same seed, same initial weights: the two modes start from the same point.
    expect(runs[0]!.trajectories[1]![0]).toEqual(runs[1]!.trajectories[1]![0]);
    const svg = planeSvg(runs, "test");
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain("nHSIC(X;T)");
  }, 120_000);
});
