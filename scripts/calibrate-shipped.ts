/**
 * `npm run calibrate:shipped [-- spam-lpft | demo-classifier] [-- --split-out <dir>]`: recalibrates
 * the shipped classifiers on their own validation split, redrawn from each manifest's seed
 * (trainers/calibrate/shipped-splits.ts), with conformal sets for α = 0.05 and 0.1 (LAC) and
 * risk-controlled abstention (δ = 0.1, the folder's metric and target). The split goes to a
 * temporary JSON Lines file, then through `npm run calibrate` (trainers/calibrate/main.ts).
 * Re-run it after retraining a model.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shippedSplit, toJsonLines } from "../trainers/calibrate/shipped-splits.ts";

const SHIPPED = ["spam-lpft", "demo-classifier"];
const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const n of names)
  if (!SHIPPED.includes(n))
    console.error(`calibrate:shipped: ${n} is not one of ${SHIPPED.join(", ")}`), process.exit(2);
const dir = mkdtempSync(join(tmpdir(), "calibrate-shipped-"));
try {
  for (const name of names.length ? names : SHIPPED) {
    const data = join(dir, `${name}.valid.jsonl`);
    writeFileSync(data, toJsonLines(shippedSplit(`models/${name}`, "valid")));
    const args = [
      "tsx",
      "trainers/calibrate/main.ts",
      "--model",
      `models/${name}`,
      "--data",
      data,
      "--conformal",
      "0.05,0.1",
      "--score",
      "lac",
      "--delta",
      "0.1",
    ];
    console.log(`$ npx ${args.join(" ")}`);
    const run = spawnSync("npx", args, { stdio: "inherit" });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
