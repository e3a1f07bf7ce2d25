import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WordPieceTokenizer } from "../../shared/classify/tokenizer.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { UserError } from "../common/cli.ts";
import { loadPretrained, type Pretrained } from "../spam-lpft/checkpoint.ts";
import { encodeTexts, extractFeatures } from "../spam-lpft/features.ts";
import { linearProbe } from "../spam-lpft/linear-probe.ts";
import { spamSplits } from "../spam-lpft/spam-data.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { runImp, type ImpOptions, type ImpRow } from "./imp.ts";
import type { PruneRun } from "./run-detector.ts";
import { spamTarget, type SpamPruneOptions } from "./spam-target.ts";

export const SPAM_PRUNE: Omit<SpamPruneOptions, "steps"> = { batch: 16, rate: 1e-3, chunk: 32 };
export const SPAM_IMP: Omit<ImpOptions, "rounds"> = {
  fraction: 0.2,
  sigmas: [0.01, 0.03, 0.1],
  passes: 1,
  delta: 0.05,
  vacuousAbove: 0.999,
};

/** Where `npm run train:spam` saves the pretrained encoder when not told otherwise. */
export const DEFAULT_PRETRAINED = join(tmpdir(), "spam-lpft.pretrained.json");

function pretrainedAt(path: string): Pretrained {
  if (!existsSync(path)) {
    throw new UserError(
      `no pretrained encoder at ${path}: \`npm run train:spam -- --save-pretrained <file>\` writes one as soon as MLM pretraining ends (~1.5 h here; --pretrain-steps 200 gives a shorter one with the same code), then pass --pretrained <file>`,
    );
  }
  try {
    return loadPretrained(path);
  } catch (e) {
    // A file that is not JSON or not a saved encoder is the user's to fix.
    if (e instanceof SyntaxError) throw new UserError(`${path}: ${e.message}`);
    throw e;
  }
}

/** IMP with rewinding to the start of LP-FT; `steps` fine-tuning steps per round. */
export async function pruneSpam(
  seed: number,
  rounds: number,
  pretrainedPath: string | undefined,
  steps: number,
  onRow: (r: ImpRow) => void,
): Promise<PruneRun & { pre: Pretrained; testFiles: string[] }> {
  await useWasmBackend();
  const started = performance.now();
  const pre = pretrainedAt(pretrainedPath ?? DEFAULT_PRETRAINED);
  if (pre.seed !== seed)
    throw new UserError(
      `the pretrained encoder was made with --seed ${pre.seed}; its tokenizer saw that seed's train split, so use --seed ${pre.seed}`,
    );
  const data = spamSplits(seed);
  const tokenizer = new WordPieceTokenizer(pre.tokenizer);
  const enc = (t: { texts: string[]; labels: Int32Array }) =>
    encodeTexts(tokenizer, t.texts, t.labels, pre.encoder.config.maxTokens);
  const sets = { train: enc(data.train), valid: enc(data.valid), test: enc(data.test) };
  const probe = linearProbe(
    { x: extractFeatures(pre.encoder, sets.train, "probe train"), y: sets.train.labels },
    { x: extractFeatures(pre.encoder, sets.valid, "probe valid"), y: sets.valid.labels },
  );
  const target = spamTarget(createRng(seed), pre, probe, sets, { ...SPAM_PRUNE, steps });
  const rows = runImp(createRng(seed + 1), target, { ...SPAM_IMP, rounds }, onRow);
  return {
    rows,
    target,
    boundSample: target.boundSample,
    seconds: (performance.now() - started) / 1000,
    pre,
    testFiles: data.test.files,
  };
}
