import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DetectorConfig } from "../../shared/lesion-detect/detector-config.ts";
import { LesionDetector } from "../../shared/lesion-detect/detector.ts";
import { OUTPUT_STRIDE } from "../../shared/lesion-detect/detector-spec.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import { fileEntry, writeManifest } from "../common/manifest-writer.ts";
import { detectorGraph, DETECTOR_IO } from "../onnx/detector-graph.ts";
import { encodeOnnxModel } from "../onnx/model-proto.ts";
import { backgroundPools } from "./backgrounds-split.ts";
import { weightsFromJson, type DetectorCheckpoint } from "./checkpoint.ts";
import { CANDIDATE_THRESHOLD } from "./detect.ts";
import { evalSets } from "./eval-sets.ts";
import { fitPlatt } from "./platt.ts";
import { renderReport } from "./report.ts";
import { servedDetections, servedFroc } from "./served-eval.ts";
import { summarise } from "./summary.ts";

const CXR = "../shared/data/cxr";

/**
 * Ships the curriculum that wins on validation FAUC (mean over seeds) as an ensemble of its
 * seeds' networks, calibrated on validation detections, and records the served ensemble's test
 * figures (computed with onnxruntime-node through the same LesionDetector the worker runs).
 */
export async function exportDetector(c: DetectorCheckpoint, out: string, docs: string): Promise<void> {
  const o = c.options;
  const summary = summarise(c);
  const winner = [...summary].sort((a, b) => b.validFauc.mean - a.validFauc.mean)[0]!;
  const runs = c.runs.filter((r) => r.curriculum === winner.curriculum).sort((a, b) => a.seed - b.seed);
  const members = runs.map((r) => encodeOnnxModel(detectorGraph(weightsFromJson(r.weights), o.side)));
  const names = members.map((_, i) => `member-${i + 1}.onnx`);
  const provisional: DetectorConfig = {
    inputSide: o.side,
    outputStride: OUTPUT_STRIDE,
    candidateThreshold: CANDIDATE_THRESHOLD,
    calibration: { a: 1, b: 0, fittedOn: "none" },
    members: names,
    input: DETECTOR_IO.input,
    output: DETECTOR_IO.output,
  };
  const sessions = await Promise.all(members.map((m) => createNodeSession(m)));
  const pools = backgroundPools(o.side, c.realBackgrounds.train.length > 0 ? CXR : null);
  const sets = evalSets(pools, o.evalPerPreset, o.side);
  const raw = new LesionDetector(sessions, provisional);
  const validLabelled = servedFroc(await servedDetections(raw, sets.valid, o.side), sets.valid).froc.labelled;
  const platt = fitPlatt(validLabelled.map((l) => ({ score: l.score, hit: l.hit })));
  const config: DetectorConfig = {
    ...provisional,
    calibration: {
      ...platt,
      fittedOn: `${validLabelled.length} detections on the ${sets.valid.length} validation images`,
    },
  };
  const detector = new LesionDetector(sessions, config);
  const test = servedFroc(await servedDetections(detector, sets.test, o.side), sets.test);
  const moderate = servedFroc(await servedDetections(detector, sets.testModerate, o.side), sets.testModerate);
  const clean = await servedDetections(detector, sets.clean, o.side);
  const cleanFp = clean.reduce((n, ls) => n + ls.filter((l) => l.confidence >= 0.5).length, 0) / sets.clean.length;
  const served = { test, moderate, cleanFp };

  mkdirSync(out, { recursive: true });
  const configText = `${JSON.stringify(config, null, 2)}\n`;
  members.forEach((m, i) => writeFileSync(join(out, names[i]!), m));
  writeFileSync(join(out, "detector.json"), configText);
  const command = c.command.replace(/\s*--checkpoint\s+\S+/, "").replace(/ --$/, "");
  writeManifest(out, {
    name: "lesion-detector",
    kind: "lesion-detector",
    version: "1.0.0",
    description: `Lesion detector on chest radiographs: an ensemble of ${members.length} small fully convolutional networks (${o.side}² input, heatmap at 1/${OUTPUT_STRIDE}) trained on simulated lesions with the ${winner.curriculum} curriculum (chosen on validation FAUC among GDR, uniform and easy-to-hard).`,
    files: [
      ...members.map((m, i) => fileEntry(names[i]!, "onnx", m)),
      fileEntry("detector.json", "config", configText),
    ],
    metrics: {
      curriculum: winner.curriculum,
      "served.test.fauc": round(test.fauc),
      "served.test.sensitivityAt1Fp": round(test.sensitivityAt1),
      "served.test.ece": round(test.ece),
      "served.moderate.sensitivityAt1Fp": round(moderate.sensitivityAt1),
      "served.cleanPhantom.fpPerImage": round(cleanFp),
      ...Object.fromEntries(
        summary.flatMap((s) => [
          [`${s.curriculum}.test.fauc.mean`, round(s.testFauc.mean)],
          [`${s.curriculum}.valid.fauc.mean`, round(s.validFauc.mean)],
        ]),
      ),
      trainingSeconds: Math.round(c.seconds),
    },
    card: {
      intendedUse:
        "Research on simulated-lesion curricula and a demonstration of detection with calibrated confidences and ensemble disagreement. Not a medical device.",
      limitations: [
        "Trained only on simulated lesions over synthetic phantoms and five real radiographs; never validated on annotated real pneumonia.",
        `Input resized to ${o.side}²: lesions under ~2 % of the image side are near the resolution limit.`,
        "Confidences are calibrated on simulated validation images, not on clinical data.",
      ],
    },
    training: {
      command,
      seed: 1,
      data: `simulated lesions (shared/lesion) over seeded phantoms${c.realBackgrounds.train.length > 0 ? ` and ../shared/data/cxr (train ${c.realBackgrounds.train.join(", ")}; validation ${c.realBackgrounds.valid.join(", ")}; test ${c.realBackgrounds.test.join(", ")})` : ""}`,
      trainer: "trainers/lesion-detector",
      options: o,
    },
  });
  mkdirSync(docs, { recursive: true });
  renderReport(c, summary, winner.curriculum, served, docs);
  console.log(
    `${out}: ${winner.curriculum} ensemble of ${members.length}; served test FAUC ${test.fauc.toFixed(3)}, sensitivity at 1 FP/image ${test.sensitivityAt1.toFixed(3)}, clean phantom FP/image ${cleanFp.toFixed(2)}`,
  );
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
