import { WordPieceTokenizer } from "../../shared/classify/tokenizer.ts";
import type { TokenizerSpec } from "../../shared/classify/artifact-schema.ts";
import { brownParagraphs } from "./brown-corpus.ts";
import { calibrateMethod, concatSets, type MethodCalibration, type SetLogits } from "./calibration-eval.ts";
import { savePretrained, type Pretrained } from "./checkpoint.ts";
import { cloneEncoder, disposeEncoder, initEncoder, parameterCount, type EncoderWeights } from "./encoder.ts";
import { encodeTexts, extractFeatures, frobenius, headLogits, type Encoded } from "./features.ts";
import { fineTune, randomHead, type FineTuned } from "./fine-tune.ts";
import { learnVocab } from "./learn-vocab.ts";
import { linearProbe } from "./linear-probe.ts";
import type { SpamOptions } from "./options.ts";
import { mlmWindows, pretrain, type PretrainResult } from "./pretrain.ts";
import { spamSplits } from "./spam-data.ts";
import { useWasmBackend } from "./tf-backend.ts";

/**
 * The whole experiment: vocabulary, MLM pretraining on Brown, then LP, FT and LP-FT from the
 * same pretrained weights (Kumar et al. 2022; Tomihari & Sato 2024, arXiv 2405.16747), each
 * temperature-scaled on validation (Guo et al. 2017) and evaluated in-distribution and under
 * shift. The uncertainty head and the artifact are built from the LP-FT model afterwards.
 */
export const EVAL_SETS = ["test", "easy-ham-2", "spam-2", "hard-ham-1"] as const;
export type EvalSet = (typeof EVAL_SETS)[number];

export interface MethodResult {
  name: "LP" | "FT" | "LP-FT";
  head: { v: Float64Array; b: Float64Array };
  headNorm: number;
  calibration: MethodCalibration;
  /** mean ||phi(x) - phi_pretrained(x)|| / ||phi_pretrained(x)|| on the test split. */
  featureChange: number;
  fineTune?: Omit<FineTuned, "v" | "b">;
}

export interface Experiment {
  options: SpamOptions;
  tokenizer: TokenizerSpec;
  parameters: number;
  pretraining: PretrainResult;
  sizes: Record<string, number>;
  /** In-distribution e-mails dropped before splitting as exact duplicates (absent in older checkpoints). */
  duplicatesRemoved?: number;
  headNormInit: number;
  lpL2: number;
  methods: MethodResult[];
  /** The LP-FT encoder (kept for export) and its features per split. */
  encoder: EncoderWeights;
  features: Record<"train" | "valid" | EvalSet, Float64Array>;
  labels: Record<"train" | "valid" | EvalSet, Int32Array>;
  seconds: number;
}

type Split = "train" | "valid" | EvalSet;

function featuresOf(
  w: EncoderWeights,
  sets: Partial<Record<Split, Encoded>>,
  tag: string,
): Partial<Record<Split, Float64Array>> {
  return Object.fromEntries(Object.entries(sets).map(([k, e]) => [k, extractFeatures(w, e, `${tag} ${k}`)]));
}

function relativeChange(a: Float64Array, b: Float64Array, dim: number): number {
  let s = 0;
  const n = a.length / dim;
  for (let i = 0; i < n; i++)
    s +=
      frobenius(a.subarray(i * dim, (i + 1) * dim).map((x, j) => x - b[i * dim + j]!)) /
      frobenius(b.subarray(i * dim, (i + 1) * dim));
  return s / n;
}

/**
 * `reuse` skips vocabulary learning and pretraining (an encoder saved by `savePretrained`); the
 * data split still follows `o.seed`, so it must be the seed the encoder was pretrained with (the
 * tokenizer saw that seed's train split only).
 */
export async function runExperiment(
  options: SpamOptions,
  reuse?: Pretrained,
  savePretrainedTo?: string,
): Promise<Experiment> {
  const start = performance.now();
  // A reused encoder fixes the architecture and the pretraining; the command records how it was made.
  const o: SpamOptions = reuse
    ? {
        ...options,
        ...architectureOf(reuse.encoder.config),
        pretrainSteps: reuse.pretraining.losses.length,
        command: reuse.command ? `${reuse.command} && ${options.command}` : options.command,
      }
    : options;
  await useWasmBackend();
  if (reuse && reuse.seed !== o.seed)
    throw new RangeError(
      `the pretrained encoder was made with --seed ${reuse.seed}; its tokenizer saw that seed's train split, so use --seed ${reuse.seed} (and --ft-seed for other fine-tuning runs)`,
    );
  const data = spamSplits(o.seed, o.limit);
  const brown = brownParagraphs(o.brownDocuments);
  if (data.train.texts.length < 2 || data.valid.texts.length < 1 || brown.length === 0)
    throw new RangeError("no training data: the SpamAssassin splits or the Brown corpus came out empty");
  console.error(
    `data: train ${data.train.texts.length}, valid ${data.valid.texts.length}, test ${data.test.texts.length} (${data.duplicatesRemoved} duplicate texts removed first); Brown paragraphs ${brown.length}`,
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
  const config = { vocab: tokenizer.vocabSize, dim: o.dim, layers: o.layers, heads: o.heads, ffn: o.ffn, maxTokens: S };
  const pre = reuse?.encoder ?? initEncoder(config, o.seed, "pre");
  console.error(
    `encoder: ${parameterCount(pre)} parameters (vocab ${config.vocab}, d ${o.dim}, ${o.layers} layers, ${o.heads} heads, seq ${S})`,
  );
  const pretraining =
    reuse?.pretraining ??
    pretrain(pre, mlmWindows(tokenizer, brown, S), {
      steps: o.pretrainSteps,
      batch: o.pretrainBatch,
      rate: o.pretrainRate,
      seed: o.seed,
    });
  if (savePretrainedTo && !reuse)
    savePretrained(savePretrainedTo, {
      seed: o.seed,
      command: o.command,
      tokenizer: tokenizerSpec,
      pretraining,
      encoder: pre,
    });

  const preF = featuresOf(pre, sets, "pretrained") as Record<Split, Float64Array>;
  const labels = Object.fromEntries(Object.entries(sets).map(([k, e]) => [k, e.labels])) as Record<Split, Int32Array>;
  const lp = linearProbe({ x: preF.train, y: labels.train }, { x: preF.valid, y: labels.valid });
  const init = randomHead(o.ftSeed + 1, 2, o.dim);
  const evaluate = (
    name: MethodResult["name"],
    head: { v: Float64Array; b: Float64Array },
    f: Record<Exclude<Split, "train">, Float64Array>,
    extra?: FineTuned,
  ): MethodResult => {
    const logitsOf = (k: Exclude<Split, "train">): SetLogits => ({
      logits: headLogits(f[k], head.v, head.b, 2),
      labels: labels[k],
    });
    const evalSets: Record<string, SetLogits> = Object.fromEntries(EVAL_SETS.map((k) => [k, logitsOf(k)]));
    evalSets["easy-ham-2+spam-2"] = concatSets(evalSets["easy-ham-2"]!, evalSets["spam-2"]!);
    const { v: _v, b: _b, ...ft } = extra ?? ({} as FineTuned);
    return {
      name,
      head,
      headNorm: frobenius(head.v),
      calibration: calibrateMethod(logitsOf("valid"), evalSets),
      featureChange: relativeChange(f.test, preF.test, o.dim),
      ...(extra ? { fineTune: ft } : {}),
    };
  };
  const methods: MethodResult[] = [evaluate("LP", lp, preF)];
  const ftOptions = { epochs: o.ftEpochs, batch: o.ftBatch, rate: o.ftRate, seed: o.ftSeed };
  const ftEncoder = cloneEncoder(pre, "ft");
  const ft = fineTune(ftEncoder, init, sets.train, sets.valid, { ...ftOptions, label: "FT" });
  const { train: _t, ...evalOnly } = sets;
  methods.push(
    evaluate("FT", ft, featuresOf(ftEncoder, evalOnly, "FT") as Record<Exclude<Split, "train">, Float64Array>, ft),
  );
  disposeEncoder(ftEncoder);
  const lpftEncoder = cloneEncoder(pre, "lpft");
  const lpft = fineTune(lpftEncoder, lp, sets.train, sets.valid, { ...ftOptions, label: "LP-FT" });
  const lpftF = featuresOf(lpftEncoder, sets, "LP-FT") as Record<Split, Float64Array>;
  methods.push(evaluate("LP-FT", lpft, lpftF, lpft));
  disposeEncoder(pre);
  return {
    options: o,
    tokenizer: tokenizerSpec,
    parameters: parameterCount(lpftEncoder),
    pretraining,
    sizes: Object.fromEntries(Object.entries(sets).map(([k, e]) => [k, e.rows])),
    duplicatesRemoved: data.duplicatesRemoved,
    headNormInit: frobenius(init.v),
    lpL2: lp.l2,
    methods,
    encoder: lpftEncoder,
    features: lpftF,
    labels,
    // Compute time of the whole model, so a reused pretraining counts too.
    seconds: (performance.now() - start) / 1000 + (reuse ? pretraining.seconds : 0),
  };
}

const architectureOf = (c: Pretrained["encoder"]["config"]) => ({
  dim: c.dim,
  layers: c.layers,
  heads: c.heads,
  ffn: c.ffn,
  maxTokens: c.maxTokens,
  vocabSize: c.vocab,
});
