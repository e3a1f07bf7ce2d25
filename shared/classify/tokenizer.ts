import { TokenizerSchema, type TokenizerSpec } from "./artifact-schema.ts";
import { packRows, type EncodedBatch, type PadTo, type TextTokenizer } from "./text-tokenizer.ts";

export type { EncodedBatch } from "./text-tokenizer.ts";

/**
 * WordPiece tokenisation as in BERT (Devlin et al. 2019; Wu et al. 2016): text is split on
 * white space and punctuation, then each word greedily into the longest vocabulary pieces
 * from the left, later pieces carrying the continuation prefix ("##"); a word that cannot be
 * covered becomes the unknown token. Ids are framed [CLS] … [SEP], truncated and padded.
 */
// Punctuation and symbols are words of their own, as BERT's basic tokenizer splits them.
const WORDS = /[\p{P}\p{S}]|[^\s\p{P}\p{S}]+/gu;

export class WordPieceTokenizer implements TextTokenizer {
  readonly type = "wordpiece";
  readonly #ids: Map<string, number>;
  readonly #spec: ReturnType<typeof TokenizerSchema.parse>;
  readonly #unk: number;
  readonly #pad: number;
  readonly #cls: number | undefined;
  readonly #sep: number | undefined;

  constructor(spec: TokenizerSpec) {
    this.#spec = TokenizerSchema.parse(spec);
    this.#ids = new Map(this.#spec.vocab.map((token, id) => [token, id]));
    const id = (token: string | undefined, role: string): number | undefined => {
      if (token === undefined) return undefined;
      const found = this.#ids.get(token);
      if (found === undefined) throw new RangeError(`tokenizer: the ${role} token "${token}" is not in the vocabulary`);
      return found;
    };
    this.#unk = id(this.#spec.unknown, "unknown")!;
    this.#pad = id(this.#spec.padding, "padding")!;
    this.#cls = id(this.#spec.classToken, "class");
    this.#sep = id(this.#spec.separatorToken, "separator");
  }

  get vocabSize(): number {
    return this.#spec.vocab.length;
  }

  /** Word-piece ids of one text, without framing. */
  tokenize(text: string): number[] {
    const normal = this.#spec.lowercase ? text.normalize("NFC").toLowerCase() : text.normalize("NFC");
    const out: number[] = [];
    for (const [word] of normal.matchAll(WORDS)) this.#pieces(word, out);
    return out;
  }

  #pieces(word: string, out: number[]): void {
    const chars = Array.from(word);
    if (chars.length > this.#spec.maxWordChars) {
      out.push(this.#unk);
      return;
    }
    const pieces: number[] = [];
    for (let start = 0; start < chars.length; ) {
      let end = chars.length;
      let found: number | undefined;
      for (; end > start; end--) {
        const piece = (start > 0 ? this.#spec.continuationPrefix : "") + chars.slice(start, end).join("");
        found = this.#ids.get(piece);
        if (found !== undefined) break;
      }
      if (found === undefined) {
        out.push(this.#unk);
        return;
      }
      pieces.push(found);
      start = end;
    }
    out.push(...pieces);
  }

  /** Framed, truncated and padded ids of several texts, row-major [rows × length]. */
  encodeBatch(texts: readonly string[], length: number, padTo: PadTo = "max"): EncodedBatch {
    const frame = (this.#cls === undefined ? 0 : 1) + (this.#sep === undefined ? 0 : 1);
    const rows = texts.map((text) => {
      const body = this.tokenize(text).slice(0, Math.max(0, length - frame));
      return {
        ids: [
          ...(this.#cls === undefined ? [] : [this.#cls]),
          ...body,
          ...(this.#sep === undefined ? [] : [this.#sep]),
        ],
      };
    });
    return packRows(rows, length, padTo, this.#pad);
  }
}
