/**
 * `npm run hsic:plane -- [--layers 4] [--width 16] [--epochs 300] [--every 10] [--rate 0.01]
 *   [--seed 0] [--data node_modules/vega-datasets/data/penguins.json] [--out docs/hsic-plane-penguins.svg]`
 * trains a tanh MLP on the penguins table end-to-end and layer-wise, tracks every hidden layer in
 * the normalised-HSIC information plane (issue 20 part 4; Sakamoto & Sato), writes the SVG and
 * prints the first and last point of each trajectory. Bad flags or data exit 2.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createRng } from "../../shared/numeric/rng.ts";
import { runCli } from "../common/cli.ts";
import { numberFlag } from "../common/int-flag.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { loadPenguins, PENGUINS_PATH } from "./penguins.ts";
import { tracePlane, type PlaneRun, type PlaneSettings } from "./plane.ts";
import { planeSvg } from "./svg.ts";

export function planeTable(runs: PlaneRun[]): string {
  const rows = runs.flatMap((r) =>
    r.trajectories.map((points, l) => {
      const a = points[0]!;
      const b = points[points.length - 1]!;
      const peakX = Math.max(...points.map((q) => q.inputHsic));
      return `| ${r.mode} | ${l + 1} | ${a.inputHsic.toFixed(3)} → ${b.inputHsic.toFixed(3)} (peak ${peakX.toFixed(3)}) | ${a.labelHsic.toFixed(3)} → ${b.labelHsic.toFixed(3)} |`;
    }),
  );
  return ["| mode | layer | nHSIC(X;T) start → end | nHSIC(Y;T) start → end |", "|---|---|---|---|", ...rows].join(
    "\n",
  );
}

await runCli("hsic:plane", async () => {
  const { values } = parseArgs({
    options: {
      layers: { type: "string" },
      width: { type: "string" },
      epochs: { type: "string" },
      every: { type: "string" },
      rate: { type: "string" },
      seed: { type: "string" },
      data: { type: "string" },
      out: { type: "string" },
    },
  });
  const s: PlaneSettings = {
    layers: numberFlag("layers", values.layers, 4, 1, 8),
    width: numberFlag("width", values.width, 16, 1, 256),
    epochs: numberFlag("epochs", values.epochs, 300, 1, 100_000),
    every: numberFlag("every", values.every, 10, 1, 100_000),
    rate: numberFlag("rate", values.rate, 0.01, 1e-6, 1, false),
    seed: numberFlag("seed", values.seed, 0, 0, 2 ** 31),
  };
  const out = values.out ?? "docs/hsic-plane-penguins.svg";
  const { train, test } = loadPenguins(createRng(s.seed), values.data ?? PENGUINS_PATH);
  await useWasmBackend();
  const started = performance.now();
  const runs = (["end-to-end", "layer-wise"] as const).map((mode) => tracePlane(mode, train, test, s));
  writeFileSync(out, planeSvg(runs, `HSIC plane, penguins (${train.n} train rows), ${s.layers}x${s.width} tanh MLP`));
  console.log(
    `penguins: ${train.n} train / ${test.n} test rows; ${s.layers} tanh layers of ${s.width}; ${s.epochs} full-batch Adam epochs at ${s.rate}; seed ${s.seed}\n`,
  );
  console.log(planeTable(runs));
  console.log();
  for (const r of runs)
    console.log(
      `${r.mode}: train accuracy ${(r.trainAccuracy * 100).toFixed(1)} %, test accuracy ${(r.testAccuracy * 100).toFixed(1)} %`,
    );
  console.log(`wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
});
