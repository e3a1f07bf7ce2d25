import type { Dataset } from "../classifier-demo/dataset.ts";
import { dropDuplicateTexts } from "../spam-lpft/duplicates.ts";
import { loadGroup, shuffled, type Email } from "../spam-lpft/spam-data.ts";

/**
 * SpamAssassin (read from node_modules) made long-tailed: easy-ham-1 vs spam-1, duplicates
 * dropped, then per class a fixed seeded split — balanced validation (VALID per class) and
 * balanced test (TEST per class) — and a training set of every remaining ham with spam at
 * `spamShare` of it (1 % by default: 22 spam next to 2,178 ham). The e-mails are the model
 * pipeline's cleaned text; features are hashed bags of words (below), so this is a real
 * text task on features the MLP learns from, not the shipped transformer's (see docs).
 */
export const VALID = 100;
export const TEST = 200;
export const HASH_DIM = 256;

/** FNV-1a of a token, for the hashing trick (Weinberger et al. 2009). */
function fnv1a(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** log(1 + count) of each hashed lower-cased word, one row per text. */
export function hashedBagOfWords(texts: readonly string[], dim = HASH_DIM): Float64Array {
  const x = new Float64Array(texts.length * dim);
  texts.forEach((text, i) => {
    for (const token of text.toLowerCase().match(/[a-z0-9$!]+/g) ?? []) x[i * dim + (fnv1a(token) % dim)]! += 1;
  });
  for (let i = 0; i < x.length; i++) x[i] = Math.log1p(x[i]!);
  return x;
}

/** Column standardisation with the training split's mean and standard deviation. */
function standardise(train: Float64Array, others: Float64Array[], dim: number): void {
  const n = train.length / dim;
  for (let d = 0; d < dim; d++) {
    let mean = 0,
      sq = 0;
    for (let i = 0; i < n; i++) mean += train[i * dim + d]!;
    mean /= n;
    for (let i = 0; i < n; i++) sq += (train[i * dim + d]! - mean) ** 2;
    const std = Math.sqrt(sq / n) || 1;
    for (const x of [train, ...others]) for (let i = d; i < x.length; i += dim) x[i] = (x[i]! - mean) / std;
  }
}

export interface LongTailTask {
  name: string;
  labels: readonly string[];
  train: Dataset;
  valid: Dataset;
  test: Dataset;
}

let cache: { ham: Email[]; spam: Email[] } | undefined;

/** `seed` draws which spam e-mails are kept for training; the valid/test split is fixed (seed 0). */
export function spamLongTail(seed: number, spamShare = 0.01): LongTailTask {
  if (!cache) {
    const unique = dropDuplicateTexts([...loadGroup("easy-ham-1"), ...loadGroup("spam-1")]).kept;
    cache = {
      ham: shuffled(
        0,
        unique.filter((e) => e.label === 0),
      ),
      spam: shuffled(
        1,
        unique.filter((e) => e.label === 1),
      ),
    };
  }
  const { ham, spam } = cache;
  const hamTrain = ham.slice(VALID + TEST);
  const spamPool = shuffled(seed + 100, spam.slice(VALID + TEST));
  const nSpam = Math.max(1, Math.round((hamTrain.length * spamShare) / (1 - spamShare)));
  const sets = [
    [...hamTrain, ...spamPool.slice(0, nSpam)],
    [...ham.slice(0, VALID), ...spam.slice(0, VALID)],
    [...ham.slice(VALID, VALID + TEST), ...spam.slice(VALID, VALID + TEST)],
  ];
  const xs = sets.map((s) => hashedBagOfWords(s.map((e) => e.text)));
  standardise(xs[0]!, xs.slice(1), HASH_DIM);
  const [train, valid, test] = sets.map((s, k) => ({ x: xs[k]!, y: Int32Array.from(s, (e) => e.label), n: s.length }));
  return { name: `spam-${spamShare * 100}pct`, labels: ["ham", "spam"], train: train!, valid: valid!, test: test! };
}
