import * as tf from "@tensorflow/tfjs";
import type { WordPieceTokenizer } from "../../shared/classify/tokenizer.ts";
import { pooledFeatures, type EncoderWeights } from "./encoder.ts";
import { Progress } from "../common/progress.ts";

/** Token ids and masks of a labelled set, framed and padded exactly as the server does. */
export interface Encoded {
  ids: Int32Array;
  mask: Int32Array;
  rows: number;
  length: number;
  labels: Int32Array;
}

export function encodeTexts(
  tokenizer: WordPieceTokenizer,
  texts: readonly string[],
  labels: Int32Array,
  length: number,
): Encoded {
  return { ...tokenizer.encodeBatch(texts, length), labels };
}

/** Rows [from, to) of an encoded set as int32 tensors [n, S]. */
export function batchTensors(e: Encoded, rows: readonly number[]): { ids: tf.Tensor2D; mask: tf.Tensor2D } {
  const S = e.length;
  const ids = new Int32Array(rows.length * S);
  const mask = new Int32Array(rows.length * S);
  rows.forEach((r, i) => {
    ids.set(e.ids.subarray(r * S, (r + 1) * S), i * S);
    mask.set(e.mask.subarray(r * S, (r + 1) * S), i * S);
  });
  return { ids: tf.tensor2d(ids, [rows.length, S], "int32"), mask: tf.tensor2d(mask, [rows.length, S], "int32") };
}

/** phi(x) of every row, [N × D] row-major, in batches (forward only). */
export function extractFeatures(w: EncoderWeights, e: Encoded, label = "features", batch = 64): Float64Array {
  const D = w.config.dim;
  const out = new Float64Array(e.rows * D);
  const progress = new Progress(label, e.rows);
  for (let start = 0; start < e.rows; start += batch) {
    const rows = Array.from({ length: Math.min(batch, e.rows - start) }, (_, i) => start + i);
    const f = tf.tidy(() => {
      const { ids, mask } = batchTensors(e, rows);
      return pooledFeatures(w, ids, mask).dataSync();
    });
    out.set(f, start * D);
    progress.update(start + rows.length);
  }
  return out;
}

/** logits = features · Vᵀ + b for a head V [C × F] row-major. */
export function headLogits(
  features: Float64Array,
  v: ArrayLike<number>,
  b: ArrayLike<number>,
  classes: number,
): Float64Array {
  const F = v.length / classes;
  const n = features.length / F;
  const out = new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < classes; c++) {
      let z = b[c]!;
      for (let j = 0; j < F; j++) z += v[c * F + j]! * features[i * F + j]!;
      out[i * classes + c] = z;
    }
  }
  return out;
}

export function frobenius(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}
