import type { TokenizerSpec } from "../../shared/classify/artifact-schema.ts";
import { WordPieceTokenizer } from "../../shared/classify/tokenizer.ts";
import { brownParagraphs } from "./brown-corpus.ts";
import type { Pretrained } from "./checkpoint.ts";
import { initEncoder, parameterCount } from "./encoder.ts";
import type { Experiment, Split } from "./experiment.ts";
import { encodeTexts, type Encoded } from "./features.ts";
import { learnVocab } from "./learn-vocab.ts";
import { runLpFtMethods } from "./lp-ft-methods.ts";
import type { SpamOptions } from "./options.ts";
import { mlmWindows, pretrain } from "./pretrain.ts";
import { spamSplits } from "./spam-data.ts";
import { useWasmBackend } from "./tf-backend.ts";

/**
 * The whole experiment: vocabulary, MLM pretraining on Brown, then LP, FT and LP-FT from the
 * same pretrained weights (lp-ft-methods.ts), each temperature-scaled on validation (Guo et al.
 * 2017) and evaluated in-distribution and under shift. The uncertainty head and the artifact are
 * built from the LP-FT model afterwards.
 *
 * `reuse` skips vocabulary learning and pretraining (an encoder saved by `savePretrained`); the
 * data split still follows `o.seed`, so it must be the seed the encoder was pretrained with (the
 * tokenizer saw that seed's train split only). `onPretrained` receives a freshly pretrained
 * encoder before fine-tuning (the CLI saves it), so this function does no I/O of its own.
 */
export async function runExperiment(
  options: SpamOptions,
  reuse?: Pretrained,
  onPretrained?: (p: Pretrained) => void,
): Promise<Experiment> {
  const start = performance.now();
  const o = reuse ? withReusedEncoder(options, reuse) : options;
  await useWasmBackend();
  if (reuse && reuse.seed !== o.seed) {
    throw new RangeError(
      `the pretrained encoder was made with --seed ${reuse.seed}; its tokenizer saw that seed's train split, ` +
        `so use --seed ${reuse.seed} (and --ft-seed for other fine-tuning runs)`,
    );
  }
  const data = spamSplits(o.seed, o.limit);
  const brown = brownParagraphs(o.brownDocuments);
  if (data.train.texts.length < 2 || data.valid.texts.length < 1 || brown.length === 0) {
    throw new RangeError("no training data: the SpamAssassin splits or the Brown corpus came out empty");
  }
  console.error(
    `data: train ${data.train.texts.length}, valid ${data.valid.texts.length}, test ${data.test.texts.length} ` +
      `(${data.duplicatesRemoved} duplicate texts removed first); Brown paragraphs ${brown.length}`,
  );
  const tokenizerSpec = reuse?.tokenizer ?? learnVocab([...brown, ...data.train.texts], { size: o.vocabSize });
  const tokenizer = new WordPieceTokenizer(tokenizerSpec);
  const S = o.maxTokens;
  const enc = (t: { texts: string[]; labels: Int32Array }) => encodeTexts(tokenizer, t.texts, t.labels, S);
  const sets: Record<Split, Encoded> = {
    train: enc(data.train),
    valid: enc(data.valid),
    test: enc(data.test),
    "easy-ham-2": enc(data.shifted["easy-ham-2"]),
    "spam-2": enc(data.shifted["spam-2"]),
    "hard-ham-1": enc(data.shifted["hard-ham-1"]),
  };
  const pretrained = reuse ?? pretrainEncoder(o, tokenizerSpec, tokenizer, brown);
  if (!reuse) onPretrained?.(pretrained);
  const methods = runLpFtMethods(o, pretrained.encoder, sets);
  return {
    options: o,
    tokenizer: tokenizerSpec,
    pretraining: pretrained.pretraining,
    sizes: Object.fromEntries(Object.entries(sets).map(([k, e]) => [k, e.rows])),
    duplicatesRemoved: data.duplicatesRemoved,
    ...methods,
    // Compute time of the whole model, so a reused pretraining counts too.
    seconds: (performance.now() - start) / 1000 + (reuse ? pretrained.pretraining.seconds : 0),
  };
}

/** A new encoder pretrained by MLM on the Brown paragraphs with the learned vocabulary. */
function pretrainEncoder(
  o: SpamOptions,
  tokenizerSpec: TokenizerSpec,
  tokenizer: WordPieceTokenizer,
  brown: string[],
): Pretrained {
  const S = o.maxTokens;
  const config = { vocab: tokenizer.vocabSize, dim: o.dim, layers: o.layers, heads: o.heads, ffn: o.ffn, maxTokens: S };
  const encoder = initEncoder(config, o.seed, "pre");
  console.error(
    `encoder: ${parameterCount(encoder)} parameters ` +
      `(vocab ${config.vocab}, d ${o.dim}, ${o.layers} layers, ${o.heads} heads, seq ${S})`,
  );
  const windows = mlmWindows(tokenizer, brown, S);
  const pretraining = pretrain(encoder, windows, {
    steps: o.pretrainSteps,
    batch: o.pretrainBatch,
    rate: o.pretrainRate,
    seed: o.seed,
  });
  return { seed: o.seed, command: o.command, tokenizer: tokenizerSpec, pretraining, encoder };
}

/** A reused encoder fixes the architecture and the pretraining; the command records how it was made. */
function withReusedEncoder(options: SpamOptions, reuse: Pretrained): SpamOptions {
  const c = reuse.encoder.config;
  return {
    ...options,
    ...{ dim: c.dim, layers: c.layers, heads: c.heads, ffn: c.ffn, maxTokens: c.maxTokens, vocabSize: c.vocab },
    pretrainSteps: reuse.pretraining.losses.length,
    command: reuse.command ? `${reuse.command} && ${options.command}` : options.command,
  };
}
