import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DetectorConfig } from "../../shared/lesion-detect/detector-config.ts";
import type { LesionDetector } from "../../shared/lesion-detect/detector.ts";
import { OUTPUT_STRIDE } from "../../shared/lesion-detect/detector-spec.ts";
import { openModels } from "../../shared/node/index.ts";
import { fileEntry, writeManifest } from "../common/manifest-writer.ts";
import { CANDIDATE_THRESHOLD } from "../lesion-detector/detect.ts";
import { servedDetections, servedFroc } from "../lesion-detector/served-eval.ts";
import { detectorGraph, DETECTOR_IO } from "../onnx/detector-graph.ts";
import { encodeOnnxModel } from "../onnx/model-proto.ts";
import type { ImpRow } from "./imp.ts";
import type { pruneDetector } from "./run-detector.ts";
import { interleavedMedianMs, kib, sizes } from "./served-size.ts";

/** One IMP round's weights as a one-member lesion-detector folder (raw scores: FAUC is rank-based). */
function writeFolder(dir: string, name: string, row: ImpRow, side: number, seed: number): Uint8Array {
  const weights = Array.from({ length: row.weights.length / 2 }, (_, i) => ({
    filter: row.weights[2 * i]!,
    bias: row.weights[2 * i + 1]!,
  }));
  const onnx = encodeOnnxModel(detectorGraph(weights, side));
  const config: DetectorConfig = {
    inputSide: side,
    outputStride: OUTPUT_STRIDE,
    candidateThreshold: CANDIDATE_THRESHOLD,
    calibration: { a: 1, b: 0, fittedOn: "none" },
    members: ["member-1.onnx"],
    input: DETECTOR_IO.input,
    output: DETECTOR_IO.output,
  };
  const configText = `${JSON.stringify(config, null, 2)}\n`;
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "member-1.onnx"), onnx);
  writeFileSync(join(folder, "detector.json"), configText);
  writeManifest(folder, {
    name,
    kind: "lesion-detector",
    version: "0.1.0",
    description: `One lesion-detector member after IMP round ${row.round} (${(row.sparsity * 100).toFixed(1)} % of conv filter weights zero, stored densely).`,
    files: [fileEntry("member-1.onnx", "onnx", onnx), fileEntry("detector.json", "config", configText)],
    metrics: {
      sparsity: Number(row.sparsity.toFixed(4)),
      "test.fauc": Number(row.test.figures.fauc!.toFixed(4)),
      bound: Number(row.bound.bound.toFixed(4)),
    },
    training: {
      command: `npm run prune -- --model detector --seed ${seed}`,
      seed,
      data: "simulated preset lesions over the lesion-detector training backgrounds",
      trainer: "trainers/prune",
    },
  });
  return onnx;
}

/**
 * Writes the chosen round and the dense round as model folders under `out`, opens them with the
 * Node library's registry (sha256-checked, onnxruntime-node), and measures served test FAUC and
 * per-image latency for both and for the shipped 3-member ensemble, in one run.
 */
export async function exportAndServeDetector(
  run: Awaited<ReturnType<typeof pruneDetector>>,
  chosen: ImpRow,
  out: string,
  seed: number,
): Promise<string> {
  const side = 128;
  const dense = writeFolder(out, "lesion-detector-imp-dense", run.rows[0]!, side, seed);
  const pruned = writeFolder(out, "lesion-detector-pruned", chosen, side, seed);
  const local = openModels(out);
  const shipped = openModels("models");
  const test = run.sets.test;
  const shippedModel = await shipped.get("lesion-detector");
  const detectors = [
    (await local.get("lesion-detector-imp-dense")).compiled,
    (await local.get("lesion-detector-pruned")).compiled,
    shippedModel.compiled,
  ] as LesionDetector[];
  const faucs: number[] = [];
  for (const d of detectors) faucs.push(servedFroc(await servedDetections(d, test, side), test).fauc);
  const ms = await interleavedMedianMs(
    60,
    5,
    detectors.map(
      (d) => (i: number) => d.memberHeatmaps(test[i % test.length]!.input).then((h) => d.fromHeatmaps(h, side, side)),
    ),
  );
  const shippedBytes = shippedModel.manifest.files.filter((f) => f.role === "onnx").reduce((n, f) => n + f.bytes, 0);
  const labels = ["IMP dense (round 0)", `pruned (round ${chosen.round})`, "shipped ensemble (3 members)"];
  const byteSizes = [sizes(dense), sizes(pruned), { raw: shippedBytes, gzip: NaN }];
  const rows = labels.map((label, k) => [label, { fauc: faucs[k]!, ms: ms[k]! }, byteSizes[k]!] as const);
  const [d, p] = [rows[0]!, rows[1]!];
  return [
    `served through the Node library (openModels, onnxruntime-node) from ${out}:`,
    "| model | test FAUC | ms / image (median of 60) | ONNX bytes | gzip |",
    "|---|---|---|---|---|",
    ...rows.map(
      ([label, m, s]) =>
        `| ${label} | ${m.fauc.toFixed(4)} | ${m.ms.toFixed(2)} | ${kib(s.raw)} | ${Number.isNaN(s.gzip) ? "—" : kib(s.gzip)} |`,
    ),
    `pruned / dense: latency ×${(p[1].ms / d[1].ms).toFixed(2)}, gzip bytes ×${(p[2].gzip / d[2].gzip).toFixed(2)} (Δ ${p[2].gzip - d[2].gzip} B), ONNX bytes ×${(p[2].raw / d[2].raw).toFixed(2)}`,
  ].join("\n");
}
