import * as tf from "@tensorflow/tfjs";
import { readFileSync, writeFileSync } from "node:fs";
import type { TransformerWeights } from "../onnx/transformer-graph.ts";
import type { EncoderWeights, LayerWeights } from "./encoder.ts";
import { exportWeights } from "./export-weights.ts";
import type { Experiment } from "./pipeline.ts";

/**
 * The trained part of an experiment (LP-FT encoder, per-split features, LP/FT/LP-FT results) as
 * JSON, so the uncertainty head, the artifact and the report can be redone (`--resume`) without
 * the hour of pretraining and fine-tuning: typed arrays become plain arrays and back.
 */
const ARRAY_TAG = "__f64";

export function saveCheckpoint(path: string, x: Experiment): void {
  const { encoder, ...rest } = x;
  const weights = exportWeights(encoder, { v: [0, 0], b: [0] });
  writeFileSync(path, JSON.stringify({ experiment: rest, weights, config: encoder.config }, (_, v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? { [ARRAY_TAG]: Array.from(v as Float64Array), kind: v.constructor.name } : v === Infinity ? "Infinity" : v)));
}

export function loadCheckpoint(path: string): Experiment {
  const parsed = JSON.parse(readFileSync(path, "utf8"), (_, v: unknown) => {
    if (v && typeof v === "object" && ARRAY_TAG in v) {
      const { kind, [ARRAY_TAG]: data } = v as { kind: string; __f64: number[] };
      return kind === "Int32Array" ? Int32Array.from(data) : kind === "Float32Array" ? Float32Array.from(data) : Float64Array.from(data);
    }
    return v === "Infinity" ? Infinity : v;
  }) as { experiment: Omit<Experiment, "encoder">; weights: TransformerWeights; config: EncoderWeights["config"] };
  const w = parsed.weights;
  const v = (a: Float32Array, shape: number[], name: string) => tf.variable(tf.tensor(a, shape), true, `resumed.${name}`);
  const D = w.dim;
  const layers = w.layers.map((l, i) => {
    const shapes: Record<keyof LayerWeights, number[]> = {
      ln1g: [D], ln1b: [D], wq: [D, D], bq: [D], wk: [D, D], bk: [D], wv: [D, D], bv: [D], wo: [D, D], bo: [D],
      ln2g: [D], ln2b: [D], w1: [D, w.ffn], b1: [w.ffn], w2: [w.ffn, D], b2: [D],
    };
    return Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, v(l[k as keyof LayerWeights], s, `l${i}.${k}`)])) as unknown as LayerWeights;
  });
  const encoder: EncoderWeights = {
    config: parsed.config,
    tokens: v(w.tokens, [w.vocab, D], "tokens"),
    positions: v(w.positions, [w.maxTokens, D], "positions"),
    layers,
    lnfg: v(w.lnfg, [D], "lnfg"),
    lnfb: v(w.lnfb, [D], "lnfb"),
  };
  return { ...parsed.experiment, options: { ...parsed.experiment.options, limit: parsed.experiment.options.limit ?? Infinity }, encoder };
}
