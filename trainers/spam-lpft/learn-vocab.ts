import type { TokenizerSpec } from "../../shared/classify/artifact-schema.ts";

/**
 * Learns a WordPiece vocabulary the way Hugging Face's WordPiece trainer does: words are split
 * exactly as shared/classify/tokenizer.ts splits them (lower-cased, on white space and
 * punctuation), each word starts as characters (later ones carrying "##"), and the most frequent
 * adjacent pair is merged until the vocabulary has `size` entries (Sennrich et al. 2016 BPE
 * merges; Wu et al. 2016 WordPiece). The greedy longest-match tokenizer then reproduces the
 * segmentation closely. Ties break by first appearance, so the result is deterministic.
 */
export const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;
const WORDS = /[\p{P}\p{S}]|[^\s\p{P}\p{S}]+/gu;
const PREFIX = "##";

export interface VocabOptions {
  size: number;
  /** Characters seen fewer times are left out (they become [UNK]). */
  minCharCount?: number;
  /** Words longer than this are not counted (URLs, base64 runs). */
  maxWordChars?: number;
}

export function countWords(texts: Iterable<string>, maxWordChars = 30): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const [word] of text.normalize("NFC").toLowerCase().matchAll(WORDS)) {
      if (word.length <= maxWordChars) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

export function learnVocab(texts: Iterable<string>, o: VocabOptions): TokenizerSpec {
  const counts = countWords(texts, o.maxWordChars ?? 30);
  const symbols: string[] = [];
  const symbolId = new Map<string, number>();
  const intern = (s: string) => {
    let id = symbolId.get(s);
    if (id === undefined) {
      id = symbols.length;
      symbols.push(s);
      symbolId.set(s, id);
    }
    return id;
  };
  // Character inventory first, so every frequent character can always be spelled out.
  const charCounts = new Map<string, number>();
  for (const [word, n] of counts)
    Array.from(word).forEach((c, i) =>
      charCounts.set(i === 0 ? c : PREFIX + c, (charCounts.get(i === 0 ? c : PREFIX + c) ?? 0) + n),
    );
  const minChar = o.minCharCount ?? 20;
  for (const [c, n] of charCounts) if (n >= minChar) intern(c);
  const words: Int32Array[] = [];
  const freq: number[] = [];
  for (const [word, n] of counts) {
    // Words seen once would cost most of the merge time and rarely earn a slot.
    if (n < 2) continue;
    const pieces = Array.from(word).map((c, i) => symbolId.get(i === 0 ? c : PREFIX + c));
    if (pieces.some((p) => p === undefined)) continue;
    words.push(Int32Array.from(pieces as number[]));
    freq.push(n);
  }
  const key = (a: number, b: number) => a * 1_048_576 + b; // = 2 ** 20 > any symbol id
  const pairs = new Map<number, number>();
  const addPairs = (w: Int32Array, n: number, sign: number) => {
    for (let i = 0; i + 1 < w.length; i++)
      pairs.set(key(w[i]!, w[i + 1]!), (pairs.get(key(w[i]!, w[i + 1]!)) ?? 0) + sign * n);
  };
  words.forEach((w, i) => addPairs(w, freq[i]!, 1));
  const target = o.size - SPECIAL_TOKENS.length;
  while (symbols.length < target) {
    let best = -1;
    let bestCount = 1; // a pair seen once is not worth a vocabulary slot
    for (const [k, n] of pairs) if (n > bestCount) [best, bestCount] = [k, n];
    if (best < 0) break;
    const a = Math.floor(best / 1_048_576);
    const b = best % 1_048_576;
    const merged = intern(symbols[a]! + symbols[b]!.slice(PREFIX.length));
    words.forEach((w, wi) => {
      let has = false;
      for (let i = 0; i + 1 < w.length && !has; i++) has = w[i] === a && w[i + 1] === b;
      if (!has) return;
      addPairs(w, freq[wi]!, -1);
      const out: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
          out.push(merged);
          i++;
        } else out.push(w[i]!);
      }
      words[wi] = Int32Array.from(out);
      addPairs(words[wi]!, freq[wi]!, 1);
    });
    pairs.delete(best);
  }
  return {
    kind: "wordpiece",
    vocab: [...SPECIAL_TOKENS, ...symbols],
    lowercase: true,
    continuationPrefix: PREFIX,
    unknown: "[UNK]",
    padding: "[PAD]",
    classToken: "[CLS]",
    separatorToken: "[SEP]",
    maxWordChars: 100,
  };
}
