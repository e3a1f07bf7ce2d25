import type { Classifier } from "../../shared/classify/classifier.ts";
import { buildFeeds } from "../../shared/classify/inputs.ts";
import { preprocessInput } from "../../shared/classify/preprocess-input.ts";
import { MAX_TEXTS } from "../../shared/classify/caps.ts";
import { LOGIT_TOLERANCE } from "./served-check.ts";

/**
 * The served side of raw texts for a transformer classifier: the rows the server feeds ONNX
 * (its declared text pipeline, its tokenizer, its padding: shared/classify, not a copy), the
 * ONNX session's raw outputs (features, mean-head logits) and the served log-probabilities
 * (members, temperature). The tfjs rebuild is compared against all three.
 */
export interface ServedTextRows {
  rows: number;
  length: number;
  ids: Int32Array;
  mask: Int32Array;
  /** ONNX "features" [rows, F] and "logits" [rows, C]. */
  onnxFeatures: Float32Array;
  onnxLogits: Float32Array;
  /** Served log p(c) of the member mixture, [rows, C]. */
  servedLogProbs: Float64Array;
  /** Served label index per row. */
  predicted: Int32Array;
}

const toInt32 = (data: unknown) => Int32Array.from(data as ArrayLike<bigint | number>, Number);

async function chunk(classifier: Classifier, texts: readonly string[]): Promise<ServedTextRows> {
  const { name, config } = classifier.parts;
  const input = texts.length === 1 ? { text: texts[0]! } : { texts };
  const { feeds } = buildFeeds(name, config, classifier.parts.tokenizer, preprocessInput(config, input));
  const ids = feeds[config.input.name]!;
  const mask = config.input.kind === "text" && config.input.mask ? feeds[config.input.mask]! : undefined;
  if (!mask) throw new Error(`${name}: a text model with an attention mask is expected`);
  const out = await classifier.parts.session.run(feeds);
  const served = await classifier.serve(input);
  const C = classifier.parts.labels.length;
  const servedLogProbs = new Float64Array(served.length * C);
  served.forEach((r, i) => servedLogProbs.set(r.logMean, i * C));
  const predicted = Int32Array.from(served, (r) => r.logMean.reduce((b, v, c) => (v > r.logMean[b]! ? c : b), 0));
  return {
    rows: ids.dims[0]!,
    length: ids.dims[1]!,
    ids: toInt32(ids.data),
    mask: toInt32(mask.data),
    onnxFeatures: out[config.outputs.features!]!.data as Float32Array,
    onnxLogits: out[config.outputs.logits]!.data as Float32Array,
    servedLogProbs,
    predicted,
  };
}

/** Raw texts through the served path, MAX_TEXTS at a time (the request cap). */
export async function servedTextRows(classifier: Classifier, texts: readonly string[]): Promise<ServedTextRows> {
  const parts: ServedTextRows[] = [];
  for (let i = 0; i < texts.length; i += MAX_TEXTS) parts.push(await chunk(classifier, texts.slice(i, i + MAX_TEXTS)));
  const cat = <T extends Float32Array | Float64Array | Int32Array>(
    pick: (p: ServedTextRows) => T,
    make: (n: number) => T,
  ) => {
    const out = make(parts.reduce((n, p) => n + pick(p).length, 0));
    let at = 0;
    for (const p of parts) out.set(pick(p) as never, (at += pick(p).length) - pick(p).length);
    return out;
  };
  return {
    rows: texts.length,
    length: parts[0]!.length,
    ids: cat(
      (p) => p.ids,
      (n) => new Int32Array(n),
    ),
    mask: cat(
      (p) => p.mask,
      (n) => new Int32Array(n),
    ),
    onnxFeatures: cat(
      (p) => p.onnxFeatures,
      (n) => new Float32Array(n),
    ),
    onnxLogits: cat(
      (p) => p.onnxLogits,
      (n) => new Float32Array(n),
    ),
    servedLogProbs: cat(
      (p) => p.servedLogProbs,
      (n) => new Float64Array(n),
    ),
    predicted: cat(
      (p) => p.predicted,
      (n) => new Int32Array(n),
    ),
  };
}

export const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number => {
  let max = 0;
  for (let i = 0; i < b.length; i++) max = Math.max(max, Math.abs(a[offset + i]! - b[i]!));
  return max;
};

/** Stops (throws) when the rebuilt model's numbers are not the served ones. */
export function requireAgreement(what: string, difference: number): void {
  if (!(difference <= LOGIT_TOLERANCE))
    throw new Error(
      `the explainer's ${what} differ from the served model's by ${difference} (> ${LOGIT_TOLERANCE}): the tfjs rebuild is not the served model, refusing to explain`,
    );
}
