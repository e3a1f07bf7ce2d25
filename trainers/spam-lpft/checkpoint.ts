import * as tf from "@tensorflow/tfjs";
import { readFileSync, writeFileSync } from "node:fs";
import type { TransformerWeights } from "../onnx/transformer-graph.ts";
import type { EncoderWeights, LayerWeights } from "./encoder.ts";
import { exportWeights } from "./export-weights.ts";
import type { Experiment } from "./pipeline.ts";
import type { PretrainResult } from "./pretrain.ts";
import type { TokenizerSpec } from "../../shared/classify/artifact-schema.ts";

/**
 * The trained part of an experiment (LP-FT encoder, per-split features, LP/FT/LP-FT results) as
 * JSON, so the uncertainty head, the artifact and the report can be redone (`--resume`) without
 * the hour of pretraining and fine-tuning: typed arrays become plain arrays and back.
 */
const ARRAY_TAG = "__f64";

/** The encoder's weights without a head (the exporter's placeholder head is not stored state). */
const encoderOnly = (encoder: EncoderWeights): TransformerWeights => exportWeights(encoder, { v: [0, 0], b: [0] });

function writeTagged(path: string, value: unknown): void {
  writeFileSync(
    path,
    JSON.stringify(value, (_, v) =>
      ArrayBuffer.isView(v) && !(v instanceof DataView)
        ? { [ARRAY_TAG]: Array.from(v as Float64Array), kind: v.constructor.name }
        : v === Infinity
          ? "Infinity"
          : v,
    ),
  );
}

function readTagged(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"), (_, v: unknown) => {
    if (v && typeof v === "object" && ARRAY_TAG in v) {
      const { kind, [ARRAY_TAG]: data } = v as { kind: string; __f64: number[] };
      return kind === "Int32Array"
        ? Int32Array.from(data)
        : kind === "Float32Array"
          ? Float32Array.from(data)
          : Float64Array.from(data);
    }
    return v === "Infinity" ? Infinity : v;
  });
}

export function saveCheckpoint(path: string, x: Experiment): void {
  const { encoder, ...rest } = x;
  writeTagged(path, { experiment: rest, weights: encoderOnly(encoder), config: encoder.config });
}

export function loadCheckpoint(path: string): Experiment {
  const parsed = readTagged(path) as {
    experiment: Omit<Experiment, "encoder">;
    weights: TransformerWeights;
    config: EncoderWeights["config"];
  };
  const encoder = encoderFromWeights(parsed.weights, parsed.config, "resumed");
  return {
    ...parsed.experiment,
    options: { ...parsed.experiment.options, limit: parsed.experiment.options.limit ?? Infinity },
    encoder,
  };
}

/** A checkpoint's figures without rebuilding its encoder (no tfjs needed): for comparing runs. */
export function loadCheckpointFigures(path: string): Omit<Experiment, "encoder"> {
  return (readTagged(path) as { experiment: Omit<Experiment, "encoder"> }).experiment;
}

/** The MLM-pretrained encoder with its tokenizer: what LP, FT and LP-FT all start from. */
export interface Pretrained {
  /** The --seed it was pretrained with; its data split is the only one the tokenizer saw. */
  seed: number;
  /** The train:spam command that pretrained it (absent in files saved before it was recorded). */
  command?: string;
  tokenizer: TokenizerSpec;
  pretraining: PretrainResult;
  encoder: EncoderWeights;
}

/** Saved right after pretraining, so fine-tuning can be repeated (other seeds, rates) without it. */
export function savePretrained(path: string, p: Pretrained): void {
  writeTagged(path, {
    seed: p.seed,
    command: p.command,
    tokenizer: p.tokenizer,
    pretraining: p.pretraining,
    config: p.encoder.config,
    weights: encoderOnly(p.encoder),
  });
}

export function loadPretrained(path: string): Pretrained {
  const parsed = readTagged(path) as Partial<{
    seed: number;
    command: string;
    tokenizer: TokenizerSpec;
    pretraining: PretrainResult;
    config: EncoderWeights["config"];
    weights: TransformerWeights;
  }>;
  if (
    !parsed.weights?.layers ||
    !parsed.tokenizer?.vocab ||
    !parsed.config ||
    !parsed.pretraining ||
    parsed.seed === undefined
  )
    throw new SyntaxError(`${path} is not a pretrained encoder written by --save-pretrained`);
  return {
    seed: parsed.seed,
    ...(parsed.command ? { command: parsed.command } : {}),
    tokenizer: parsed.tokenizer,
    pretraining: parsed.pretraining,
    encoder: encoderFromWeights(parsed.weights, parsed.config, "pretrained"),
  };
}

function encoderFromWeights(w: TransformerWeights, config: EncoderWeights["config"], prefix: string): EncoderWeights {
  const v = (a: Float32Array, shape: number[], name: string) =>
    tf.variable(tf.tensor(a, shape), true, `${prefix}.${name}`);
  const D = w.dim;
  const layers = w.layers.map((l, i) => {
    const shapes: Record<keyof LayerWeights, number[]> = {
      ln1g: [D],
      ln1b: [D],
      wq: [D, D],
      bq: [D],
      wk: [D, D],
      bk: [D],
      wv: [D, D],
      bv: [D],
      wo: [D, D],
      bo: [D],
      ln2g: [D],
      ln2b: [D],
      w1: [D, w.ffn],
      b1: [w.ffn],
      w2: [w.ffn, D],
      b2: [D],
    };
    return Object.fromEntries(
      Object.entries(shapes).map(([k, s]) => [k, v(l[k as keyof LayerWeights], s, `l${i}.${k}`)]),
    ) as unknown as LayerWeights;
  });
  return {
    config,
    tokens: v(w.tokens, [w.vocab, D], "tokens"),
    positions: v(w.positions, [w.maxTokens, D], "positions"),
    layers,
    lnfg: v(w.lnfg, [D], "lnfg"),
    lnfb: v(w.lnfb, [D], "lnfb"),
  };
}
