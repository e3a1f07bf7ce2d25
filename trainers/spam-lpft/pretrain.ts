import * as tf from "@tensorflow/tfjs";
import type { WordPieceTokenizer } from "../../shared/classify/tokenizer.ts";
import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import { encode, encoderVariables, type EncoderWeights } from "./encoder.ts";
import { gatherRows } from "./tf-backend.ts";
import { ScheduledAdam } from "./optimiser.ts";
import { Progress } from "../common/progress.ts";

/**
 * Masked-language-model pretraining (Devlin et al. 2019): 15% of the body tokens are chosen,
 * of those 80% become [MASK], 10% a random token and 10% stay; the loss is the cross-entropy of
 * the chosen tokens under output weights tied to the input embeddings. Logits are computed only
 * at the chosen positions, which keeps the vocabulary-sized product small.
 */
export interface PretrainOptions {
  steps: number;
  batch: number;
  rate: number;
  seed: number;
}

export interface PretrainResult {
  losses: number[];
  seconds: number;
  tokensPerSecond: number;
  sequences: number;
}

/** Fixed-length [CLS] body [SEP] windows over the concatenated token stream. */
export function mlmWindows(tokenizer: WordPieceTokenizer, texts: readonly string[], length: number): Int32Array[] {
  const stream: number[] = [];
  for (const t of texts) for (const id of tokenizer.tokenize(t)) stream.push(id);
  const body = length - 2;
  const out: Int32Array[] = [];
  for (let i = 0; i + body <= stream.length; i += body) out.push(Int32Array.from([2, ...stream.slice(i, i + body), 3]));
  return out;
}

const MASK_ID = 4;
const FIRST_ORDINARY = 5; // ids 0..4 are the special tokens of learn-vocab.ts

export function pretrain(w: EncoderWeights, windows: Int32Array[], o: PretrainOptions, log = true): PretrainResult {
  const rng = createRng(o.seed);
  const { vocab, maxTokens: S } = w.config;
  const outBias = tf.variable(tf.zeros([vocab]), true, "mlm.bias");
  const vars = [...encoderVariables(w), outBias];
  const opt = new ScheduledAdam(o.rate, o.steps);
  const progress = new Progress("pretrain (MLM)", o.steps);
  const losses: number[] = [];
  const start = performance.now();
  for (let step = 0; step < o.steps; step++) {
    const ids = new Int32Array(o.batch * S);
    const positions: number[] = [];
    const targets: number[] = [];
    for (let b = 0; b < o.batch; b++) {
      const win = windows[uniformInt(rng, windows.length)]!;
      ids.set(win, b * S);
      for (let i = 1; i < S - 1; i++) {
        if (rng.nextFloat() >= 0.15) continue;
        positions.push(b * S + i);
        targets.push(win[i]!);
        const r = rng.nextFloat();
        if (r < 0.8) ids[b * S + i] = MASK_ID;
        else if (r < 0.9) ids[b * S + i] = FIRST_ORDINARY + uniformInt(rng, vocab - FIRST_ORDINARY);
      }
    }
    if (positions.length === 0) continue;
    const loss = opt.step(() => {
      const idsT = tf.tensor2d(ids, [o.batch, S], "int32");
      const states = encode(w, idsT, tf.onesLike(idsT) as tf.Tensor2D);
      const chosen = gatherRows(states, tf.tensor1d(positions, "int32"));
      const logits = tf.add(tf.matMul(chosen, w.tokens, false, true), outBias);
      const logp = tf.logSoftmax(logits);
      return tf.neg(tf.mean(tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(targets, "int32"), vocab)), 1))) as tf.Scalar;
    }, vars);
    losses.push(loss);
    if (log && (step % 5 === 0 || step === o.steps - 1))
      progress.update(step + 1, `loss ${mean(losses.slice(-50)).toFixed(3)}`);
  }
  opt.dispose();
  outBias.dispose();
  const seconds = (performance.now() - start) / 1000;
  return { losses, seconds, tokensPerSecond: (o.steps * o.batch * S) / seconds, sequences: windows.length };
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
