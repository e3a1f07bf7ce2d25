/**
 * What the classifier needs from a tokenizer, whichever format the model brought: our own
 * WordPiece spec (shared/classify/tokenizer.ts) or a Hugging Face tokenizer.json
 * (shared/classify/hf-tokenizer.ts). Rows are framed with the model's special tokens,
 * truncated to `maxTokens` (specials kept, as Hugging Face tokenizers truncate) and padded.
 */
export interface EncodedBatch {
  /** Row-major [rows × length]. */
  ids: Int32Array;
  /** 1 for real tokens, 0 for padding. */
  mask: Int32Array;
  /** Segment ids (BERT's token_type_ids): 0 for a single text, 0 on padding. */
  typeIds: Int32Array;
  rows: number;
  length: number;
}

/**
 * "max": every row has `maxTokens` ids (graphs with a fixed sequence axis);
 * "longest": rows are padded to the longest row of the batch, at most `maxTokens`.
 */
export type PadTo = "max" | "longest";

export interface TextTokenizer {
  /** What kind of tokenizer this is, for metadata ("wordpiece", "hf:BPE", …). */
  readonly type: string;
  /** Ids the tokenizer can emit (largest id + 1), for the model's description. */
  readonly vocabSize: number;
  encodeBatch(texts: readonly string[], maxTokens: number, padTo?: PadTo): EncodedBatch;
}

/** Packs framed id rows (already truncated) into padded row-major arrays. */
export function packRows(
  rows: readonly { ids: readonly number[]; typeIds?: readonly number[] }[],
  maxTokens: number,
  padTo: PadTo,
  padId: number,
  side: "right" | "left" = "right",
): EncodedBatch {
  const length = padTo === "max" ? maxTokens : Math.min(maxTokens, Math.max(1, ...rows.map((r) => r.ids.length)));
  const n = rows.length;
  const ids = new Int32Array(n * length).fill(padId);
  const mask = new Int32Array(n * length);
  const typeIds = new Int32Array(n * length);
  rows.forEach((row, r) => {
    const offset = side === "right" ? 0 : length - row.ids.length;
    row.ids.forEach((id, i) => {
      ids[r * length + offset + i] = id;
      mask[r * length + offset + i] = 1;
      typeIds[r * length + offset + i] = row.typeIds?.[i] ?? 0;
    });
  });
  return { ids, mask, typeIds, rows: n, length };
}
