import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DetectorCheckpoint } from "./checkpoint.ts";
import type { CurriculumName } from "./curriculum.ts";
import { frocSvg, sensitivityOnGrid } from "./froc-svg.ts";
import { FULL } from "./options.ts";
import type { ServedFigures } from "./served-eval.ts";
import { formatInterval, type CurriculumSummary } from "./summary.ts";

const GRID = Array.from({ length: 41 }, (_, i) => i / 40);

function verdict(summary: readonly CurriculumSummary[]): string {
  const gdr = summary.find((s) => s.curriculum === "gdr");
  if (!gdr) return "GDR was not run.";
  return summary
    .filter((s) => s !== gdr)
    .map((s) => {
      const d = gdr.testFauc.mean - s.testFauc.mean;
      const separated =
        gdr.testFauc.halfWidth !== null &&
        s.testFauc.halfWidth !== null &&
        Math.abs(d) > gdr.testFauc.halfWidth + s.testFauc.halfWidth;
      return `GDR − ${s.curriculum}: ${d >= 0 ? "+" : ""}${d.toFixed(3)} test FAUC (${separated ? "the 95 % intervals do not overlap" : "the 95 % intervals overlap: no evidence of a difference at this scale"}).`;
    })
    .join(" ");
}

/** docs/lesion-detector-report.md and docs/lesion-detector-froc.svg from a checkpoint and the served figures. */
export function renderReport(
  c: DetectorCheckpoint,
  summary: readonly CurriculumSummary[],
  shipped: CurriculumName,
  served: { test: ServedFigures; moderate: ServedFigures; cleanFp: number },
  docs: string,
): void {
  const o = c.options;
  const curves = summary.map((s) => {
    const runs = c.runs.filter((r) => r.curriculum === s.curriculum);
    const per = runs.map((r) => sensitivityOnGrid(r.test.points, GRID));
    return {
      label: `${s.curriculum} (FAUC ${s.testFauc.mean.toFixed(3)})`,
      sensitivity: GRID.map((_, j) => per.reduce((a, p) => a + p[j]!, 0) / per.length),
    };
  });
  writeFileSync(join(docs, "lesion-detector-froc.svg"), frocSvg(curves, GRID));
  const seeds = Math.max(...summary.map((s) => s.testFauc.values.length)); // a run cut short may have fewer than o.seeds
  const rows = summary.map(
    (s) =>
      `| ${s.curriculum} | ${formatInterval(s.validFauc)} | **${formatInterval(s.testFauc)}** | ${s.testFauc.values.map((v) => v.toFixed(3)).join(", ")} | ${formatInterval(s.moderateSensitivityAt1)} | ${formatInterval(s.cleanFpPerImage, 2)} |`,
  );
  const rounds = c.runs
    .filter((r) => r.seed === 1)
    .flatMap((r) =>
      r.rounds.map(
        (k) =>
          `| ${r.curriculum} | ${k.round} | ${k.target?.toFixed(2) ?? "—"} | ${k.theta ? `[${k.theta.map((t) => t.toFixed(2)).join(", ")}]` : "uniform"} | ${k.searchFauc?.toFixed(3) ?? "—"} | ${k.simValidFauc.toFixed(3)} | ${k.validFauc.toFixed(3)}${k.round === r.bestRound ? " ←" : ""} |`,
      ),
    );
  const text = `# Lesion detector: Goldilocks curriculum (GDR) vs uniform and easy-to-hard domain randomisation

Written by \`${c.command.replace(/\s*--checkpoint\s+\S+/, "").replace(/ --$/, "")}\` (trainers/lesion-detector) in ${(c.seconds / 60).toFixed(0)} min on a shared 2-core machine. The method and the paper's
settings are in ../shared/docs/lesion-sim.md (section GDR); this is a **scaled-down** run:

| | paper | here |
|---|---|---|
| input | 256² (their detector) | ${o.side}² (every curriculum alike) |
| rounds | 10 | ${o.rounds} |
| images per round (train + sim. validation) | 1,000 + 200 | ${o.trainImages} + ${o.validImages}, ${o.epochs} epochs, best epoch kept |
| theta search per round | 5 starts + 30 BO steps on 30 images | ${5} starts + ${o.searchSteps} BO steps (GP-EI) on ${o.searchImages} images |
| GDR target FAUC | 0.4–0.7 | ${o.gdrTarget} |
| easy-to-hard target | 1.0 − 0.1 (k − 1) over 10 rounds | 1.0 → 0.1 in ${o.rounds} equal steps |
| seeds per curriculum | — | ${seeds} |

Detector: ${"`shared/lesion-detect/detector-spec.ts`"} — four 3×3 convolutions (dilations 1, 1, 2, 4; one 2× max-pool) and a 1×1
head giving a lesion heatmap at half resolution; candidates are 4-connected heatmap components, boxed and ranked
by their peak. Backgrounds: seeded phantoms (separate seeds for train / validation / test) and the real radiographs
of ../shared/data/cxr split by name (train: ${c.realBackgrounds.train.join(", ") || "none"}; validation: ${c.realBackgrounds.valid.join(", ") || "none"};
test: ${c.realBackgrounds.test.join(", ") || "none"}), so test backgrounds are never trained on. Validation and test lesions come from the
realistic presets (subtle, moderate, obvious; ${o.evalPerPreset} images each); the final round of each run is chosen on
validation FAUC. Lesions are composited with the paper's linear model (\`TRAINING_COMPOSITING\`). FAUC = area under
sensitivity vs. false positives per image on [0, 1], a hit when box Dice ≥ 0.2.

## Does GDR beat the baselines? (test FAUC, mean ± 95 % t-interval over ${seeds} seeds)

| curriculum | validation FAUC | test FAUC | per seed | sensitivity at 1 FP/image (moderate) | FP/image, clean phantom (peak ≥ 0.5) |
|---|---|---|---|---|---|
${rows.join("\n")}

${verdict(summary)} The paper's claim is the hypothesis under test; at this scale the table above is the answer.

![FROC, mean over seeds](lesion-detector-froc.svg)

## Rounds (seed 1)

| curriculum | round | target | theta | FAUC on theta before training | sim. validation FAUC | validation FAUC (← chosen) |
|---|---|---|---|---|---|---|
${rounds.join("\n")}

## The shipped model (served path)

\`models/lesion-detector\`: the ${shipped} curriculum (best mean validation FAUC), its seeds as an ensemble,
confidences Platt-calibrated on the validation detections (${c.runs.filter((r) => r.curriculum === shipped).length} members). Figures of the served arithmetic (onnxruntime-node,
\`shared/lesion-detect/detector.ts\`, the code the worker runs) on the test set:

| | value |
|---|---|
| test FAUC | ${served.test.fauc.toFixed(3)} |
| sensitivity at 1 FP/image, all presets | ${served.test.sensitivityAt1.toFixed(3)} |
| sensitivity at 1 FP/image, moderate lesions | ${served.moderate.sensitivityAt1.toFixed(3)} |
| false positives per image on clean phantoms (confidence ≥ 0.5) | ${served.cleanFp.toFixed(2)} |
| ECE of the confidences (hit = Dice ≥ 0.2) | ${served.test.ece.toFixed(3)} |

Defaults of a full run: ${JSON.stringify({ rounds: FULL.rounds, trainImages: FULL.trainImages, seeds: FULL.seeds })}.
`;
  writeFileSync(join(docs, "lesion-detector-report.md"), text);
}
