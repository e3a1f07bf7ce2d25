import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManifestSchema } from "../../shared/artifacts/manifest.ts";
import type { AbstainMetric, Head } from "../../shared/classify/artifact-schema.ts";
import { toJsonLines } from "../calibrate/shipped-splits.ts";
import { SHIFTED, type ComparisonSets } from "./comparison-sets.ts";
import { fileEntry, writeManifest } from "../common/manifest-writer.ts";
import type { Comparison } from "./comparison.ts";
import type { ScoreName } from "./eu-scores.ts";

/**
 * Serves what won on the selection halves: the winning head's members become head.json (the
 * format every head here fits: M linear members on the graph's features) and its score the
 * abstention metric; then the folder is recalibrated as `npm run calibrate:shipped` does
 * (calibrator by CV NLL, conformal α 0.05 / 0.1, risk-controlled abstention with δ 0.1) with
 * that metric, on the calibrate two thirds of the validation split: not the fit third the head was
 * fitted on, so the conformal and risk-control guarantees still rest on unseen data. When single-head softmax entropy wins, nothing
 * changes. Nor does it when the winner's head is less accurate than the served one on a
 * selection half by more than ACCURACY_SLACK: a better-ranked abstention score is no reason to
 * answer more e-mails wrongly (the heads fitted on a third of the validation split often trade
 * spam-2 accuracy for hard-ham-1 ranking). Returns the paragraph the report prints.
 */
export const ACCURACY_SLACK = 0.005; // = 0.5 points, the tolerance of the recorded served figures
const ABSTAIN_METRIC: Record<ScoreName, AbstainMetric | undefined> = {
  entropy: "total",
  mi: "epistemic",
  berSq: "excessRisk",
};

export function serveWinner(dir: string, c: Comparison, sets: ComparisonSets, command: string): string {
  const w = c.winner;
  if (w === c.baseline || w.selection.mean <= c.baseline.selection.mean)
    return "None beats single-head softmax entropy on the selection halves, so serving stays as it is (head.json and calibration.json unchanged).";
  const served = c.candidates.find((k) => k.method.key === "served")!;
  const worse = SHIFTED.filter((g) => w.selectionAccuracy[g] < served.selectionAccuracy[g] - ACCURACY_SLACK);
  if (w.method.key !== "served" && worse.length) {
    const pts = (v: number) => `${(100 * v).toFixed(1)} %`;
    return `Not served: the winner beats softmax entropy at ranking its own errors, but its head is less accurate than the served head on the selection half of ${worse.map((g) => `${g} (${pts(w.selectionAccuracy[g])} vs ${pts(served.selectionAccuracy[g])})`).join(", ")}; serving stays as it is (head.json and calibration.json unchanged).`;
  }
  const metric = ABSTAIN_METRIC[w.score];
  if (!metric)
    return `The winner's score (${w.score}) is not an abstention metric the API has; serving stays as it is.`;
  const files = ["head.json", "calibration.json", "manifest.json"];
  const before = Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f))]));
  const restore = () => files.forEach((f) => writeFileSync(join(dir, f), before[f]!));
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")));
  if (w.method.key !== "served") {
    const h = w.method.head;
    const head: Head = {
      method: w.method.description,
      members: h.members,
      classes: h.classes,
      features: h.weights.length / (h.members * h.classes),
      weights: Array.from(h.weights),
      bias: Array.from(h.bias),
    };
    const text = JSON.stringify(head);
    writeFileSync(join(dir, "head.json"), text);
    manifest.files = manifest.files.map((f) => (f.path === "head.json" ? fileEntry("head.json", "head", text) : f));
    manifest.description = manifest.description.replace(
      /, with an? .* for epistemic uncertainty\.$/,
      `, with a ${h.members}-member ${w.method.label} last layer fitted on held-out features for epistemic uncertainty.`,
    );
  }
  manifest.metrics = {
    ...manifest.metrics,
    "uncertainty.head": w.method.key,
    "uncertainty.score": w.score,
    "uncertainty.selectionErrorAuroc": round(w.selection.mean),
    "uncertainty.baselineSelectionErrorAuroc": round(c.baseline.selection.mean),
  };
  manifest.training = { ...manifest.training, headCommand: command };
  const { manifestVersion: _, ...rest } = manifest;
  writeManifest(dir, rest);
  const tmp = mkdtempSync(join(tmpdir(), "eval-uncertainty-"));
  try {
    const data = join(tmp, "valid.jsonl");
    writeFileSync(data, toJsonLines(sets.calibrateRaw));
    const args = [
      "tsx",
      "trainers/calibrate/main.ts",
      "--model",
      dir,
      "--data",
      data,
      "--conformal",
      "0.05,0.1",
      "--score",
      "lac",
      "--delta",
      "0.1",
      "--metric",
      metric,
    ];
    console.log(`$ npx ${args.join(" ")}`);
    const run = spawnSync("npx", args, { stdio: "inherit" });
    if (run.status !== 0) throw new Error(`recalibration failed (exit ${run.status})`);
  } catch (e) {
    restore();
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const abstain = (JSON.parse(readFileSync(join(dir, "calibration.json"), "utf8")) as { abstain: { coverage: number } })
    .abstain;
  if (abstain.coverage === 0) {
    restore();
    return `Not served: with the winner, the risk-controlled rule on the calibrate split answers nothing (no threshold certifies the target accuracy), so head.json and calibration.json were restored.`;
  }
  const what =
    w.method.key === "served"
      ? "head.json is kept"
      : `head.json now holds the ${w.method.head.members} members of ${w.method.label}`;
  return `Served: ${what}; the abstention metric is \`${metric}\` (${w.score}); calibration.json was refitted on the calibrate two thirds of the validation split (${sets.calibrateRaw.labels.length} e-mails the head was not fitted on) with that metric; the rule answers ${(100 * abstain.coverage).toFixed(1)} % of them (calibrator, conformal α 0.05 / 0.1, risk-controlled threshold δ 0.1), as \`npm run calibrate:shipped\` does.`;
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
