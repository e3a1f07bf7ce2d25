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

export function legacyTestSplit(seed: number, dir = spamDataDir()): LegacyTestSplit {
  const train: { file: string; text: string }[] = [];
  const test: { file: string; text: string }[] = [];
  for (const g of ["easy-ham-1", "spam-1"] as const) {
    const files = readdirSync(join(dir, g)).filter((f) => f.endsWith(".json")).sort();
    const emails = files
      .map((f) => ({ file: `${g}/${f.replace(/\.json$/, ".txt")}`, text: legacyStripHeaders((JSON.parse(readFileSync(join(dir, g, f), "utf8")) as { text: string }).text) }))
      .filter((e) => e.text.length > 0);
    const all = shuffled(seed + (g === "spam-1" ? 1 : 0), emails);
    const nTrain = Math.round(all.length * 0.7);
    const nValid = Math.round(all.length * 0.15);
    train.push(...all.slice(0, nTrain));
    test.push(...all.slice(nTrain + nValid));
  }
  const seen = new Set(train.map((e) => e.text));
  const kept = test.filter((e) => !seen.has(e.text));
  return { files: kept.map((e) => e.file), trainDuplicates: test.length - kept.length };
}
