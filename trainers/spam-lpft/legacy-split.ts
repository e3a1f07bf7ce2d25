import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { shuffled, spamDataDir } from "./spam-data.ts";

/**
 * The split of models/spam-lpft as trained before issue 14 (manifests without `splitScheme`):
 * the .json records cleaned by the old `stripHeaders` (kept here verbatim so that split can be
 * redrawn), blank results dropped, no duplicate removal, each class shuffled with the seed and
 * cut 70/15/15. Only the served evaluation of that model uses it: it needs the test split's
 * file names, and the test e-mails whose cleaned text also occurs in train (excluded there).
 */
const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function legacyStripHeaders(raw: string): string {
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

export interface LegacyTestSplit {
  /** "group/file.txt" of the test e-mails, in the trainer's order. */
  files: string[];
  /** How many of them were left out because their cleaned text is also a training text. */
  trainDuplicates: number;
}

/** The legacy split's validation e-mails ("group/file.txt"), in the trainer's order. */
export function legacyValidFiles(seed: number, dir = spamDataDir()): string[] {
  return legacyParts(seed, dir).valid.map((e) => e.file);
}

export function legacyTestSplit(seed: number, dir = spamDataDir()): LegacyTestSplit {
  const { train, test } = legacyParts(seed, dir);
  const seen = new Set(train.map((e) => e.text));
  const kept = test.filter((e) => !seen.has(e.text));
  return { files: kept.map((e) => e.file), trainDuplicates: test.length - kept.length };
}

function legacyParts(seed: number, dir: string) {
  const parts = {
    train: [] as { file: string; text: string }[],
    valid: [] as { file: string; text: string }[],
    test: [] as { file: string; text: string }[],
  };
  for (const g of ["easy-ham-1", "spam-1"] as const) {
    const files = readdirSync(join(dir, g))
      .filter((f) => f.endsWith(".json"))
      .sort();
    const emails = files
      .map((f) => ({
        file: `${g}/${f.replace(/\.json$/, ".txt")}`,
        text: legacyStripHeaders((JSON.parse(readFileSync(join(dir, g, f), "utf8")) as { text: string }).text),
      }))
      .filter((e) => e.text.length > 0);
    const all = shuffled(seed + (g === "spam-1" ? 1 : 0), emails);
    const nTrain = Math.round(all.length * 0.7);
    const nValid = Math.round(all.length * 0.15);
    parts.train.push(...all.slice(0, nTrain));
    parts.valid.push(...all.slice(nTrain, nTrain + nValid));
    parts.test.push(...all.slice(nTrain + nValid));
  }
  return parts;
}
