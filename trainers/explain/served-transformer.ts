import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { Classifier } from "../../shared/classify/classifier.ts";
import type { EncoderConfig, EncoderWeights, LayerWeights } from "../spam-lpft/encoder.ts";
import { UserError } from "../common/cli.ts";
import { readInitializers, type Initializer } from "./onnx-initializers.ts";
import type { ExplainedTransformer } from "./transformer-model.ts";

/**
 * The served transformer classifier rebuilt in tfjs: the encoder's weights from the folder's
 * model.onnx initializers (the names trainers/onnx/transformer-graph.ts writes: E, P,
 * l<i>.<weight>, lnfg, lnfb), the head members and temperature from the classifier exactly as
 * the server compiled them (head.json, calibration.json). Only the head count is not in the
 * graph's float weights; it comes from the manifest, and the logit check (transformer-check.ts)
 * catches any mismatch.
 */
const LAYER_KEYS = [
  "ln1g",
  "ln1b",
  "wq",
  "bq",
  "wk",
  "bk",
  "wv",
  "bv",
  "wo",
  "bo",
  "ln2g",
  "ln2b",
  "w1",
  "b1",
  "w2",
  "b2",
] as const satisfies readonly (keyof LayerWeights)[];

let copies = 0; // tfjs variable names are global: every rebuilt copy gets its own prefix

export function isTransformerFolder(folder: string): boolean {
  try {
    return readInitializers(readFileSync(join(folder, "model.onnx"))).has("l0.wq");
  } catch {
    return false;
  }
}

export function servedTransformer(folder: string, heads: number, classifier: Classifier): ExplainedTransformer {
  const init = readInitializers(readFileSync(join(folder, "model.onnx")));
  const need = (name: string): Initializer => {
    const t = init.get(name);
    if (!t) throw new UserError(`${folder}/model.onnx has no initializer ${name}: not a spam-lpft-style encoder graph`);
    return t;
  };
  const prefix = `served${copies++}`;
  const variable = (t: Initializer, name: string) => tf.variable(tf.tensor(t.data, t.dims), true, `${prefix}.${name}`);
  const [vocab, dim] = need("E").dims as [number, number];
  let layers = 0;
  while (init.has(`l${layers}.wq`)) layers++;
  const config: EncoderConfig = {
    vocab,
    dim,
    layers,
    heads,
    ffn: need("l0.w1").dims[1]!,
    maxTokens: need("P").dims[0]!,
  };
  if (!Number.isInteger(heads) || heads < 1 || dim % heads !== 0)
    throw new UserError(`${folder}: ${heads} attention heads do not divide the width ${dim}`);
  const encoder: EncoderWeights = {
    config,
    tokens: variable(need("E"), "tokens"),
    positions: variable(need("P"), "positions"),
    layers: Array.from(
      { length: layers },
      (_, l) =>
        Object.fromEntries(
          LAYER_KEYS.map((k) => [k, variable(need(`l${l}.${k}`), `l${l}.${k}`)]),
        ) as unknown as LayerWeights,
    ),
    lnfg: variable(need("lnfg"), "lnfg"),
    lnfb: variable(need("lnfb"), "lnfb"),
  };
  const head = classifier.parts.head;
  const classes = classifier.parts.labels.length;
  if (classifier.calibrator.map)
    throw new UserError(`${folder}: a calibration map (${classifier.calibration.method}) is not supported yet`);
  // Without head.json the ONNX graph's own head (Vh, bh) is the single served member.
  const weights = head ? Float32Array.from(head.weights) : need("Vh").data;
  const bias = head ? Float32Array.from(head.bias) : need("bh").data;
  const members = head?.members ?? 1;
  return {
    encoder,
    headWeights: tf.tensor2d(weights, [members * classes, dim]),
    headBias: tf.tensor1d(bias),
    members,
    classes,
    beta: classifier.calibrator.beta,
  };
}

/** The ONNX graph's mean head (Vh [C, D], bh [C]), whose output is the graph's "logits". */
export function onnxMeanHead(folder: string): { v: Float32Array; b: Float32Array } | undefined {
  const init = readInitializers(readFileSync(join(folder, "model.onnx")));
  const v = init.get("Vh"),
    b = init.get("bh");
  return v && b ? { v: v.data, b: b.data } : undefined;
}

/** The attention head count, from the manifest's training.architecture (the graph's reshape holds it as int64). */
export function transformerHeads(folder: string): number {
  let heads: unknown;
  try {
    const m = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as {
      training?: { architecture?: { heads?: unknown } };
    };
    heads = m.training?.architecture?.heads;
  } catch {
    throw new UserError(`${folder}: no readable manifest.json`);
  }
  if (typeof heads !== "number")
    throw new UserError(`${folder}/manifest.json: training.architecture.heads is missing (the attention head count)`);
  return heads;
}
