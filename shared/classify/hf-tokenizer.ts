import { Tokenizer } from "@huggingface/tokenizers";
import { z } from "zod";
import { packRows, type EncodedBatch, type PadTo, type TextTokenizer } from "./text-tokenizer.ts";

/**
 * A Hugging Face `tokenizer.json` (normalizer → pre-tokenizer → model → post-processor; WordPiece
 * with BertNormalizer, byte-level BPE, SentencePiece-style BPE with byte fallback, Unigram) run
 * by `@huggingface/tokenizers`, the pure-JS port that transformers.js itself uses; it runs in
 * workerd (tests/worker/hf-tokenizer.test.ts). What that package leaves to its callers is here:
 * truncation as the Rust `tokenizers` library does it — the text's tokens are cut *before* the
 * template adds [CLS]/[SEP]/BOS, so the specials survive (transformers.js 4.3 cuts after, dropping
 * a final [SEP]) — and padding with the tokenizer's pad id on its padding side.
 */
export const HfTokenizerJsonSchema = z.looseObject({
  model: z.looseObject({ type: z.string().optional() }),
  added_tokens: z.array(z.looseObject({ id: z.number().int(), content: z.string() })).default([]),
  truncation: z
    .looseObject({ max_length: z.number().int().positive().optional(), direction: z.string().optional() })
    .nullable()
    .optional(),
  padding: z
    .looseObject({ pad_id: z.number().int().optional(), direction: z.string().optional() })
    .nullable()
    .optional(),
});

const TokenName = z
  .union([z.string(), z.looseObject({ content: z.string() })])
  .nullable()
  .optional();
/** The fields of `tokenizer_config.json` that change ids, truncation or padding. */
export const HfTokenizerConfigSchema = z.looseObject({
  model_max_length: z.number().optional(),
  padding_side: z.enum(["right", "left"]).optional(),
  truncation_side: z.enum(["right", "left"]).optional(),
  pad_token: TokenName,
  eos_token: TokenName,
});
export type HfTokenizerConfig = z.infer<typeof HfTokenizerConfigSchema>;

/** transformers writes int(1e30) for "no limit"; anything this large is no limit. */
const NO_LIMIT = 1e9;
const PROBE = "\u0000probe\u0000";

export class HfTokenizer implements TextTokenizer {
  readonly type: string;
  readonly vocabSize: number;
  /** The longest input the tokenizer files allow (tokenizer.json truncation, model_max_length). */
  readonly modelMaxLength: number | undefined;
  readonly #tokenizer: Tokenizer;
  readonly #prefix: number[];
  readonly #suffix: number[];
  readonly #prefixTypes: number[];
  readonly #suffixTypes: number[];
  readonly #bodyType: number;
  readonly #padId: number;
  readonly #padSide: "right" | "left";
  readonly #truncateLeft: boolean;

  constructor(json: unknown, configJson: unknown = {}) {
    const spec = HfTokenizerJsonSchema.parse(json);
    const config = HfTokenizerConfigSchema.parse(configJson ?? {});
    this.#tokenizer = new Tokenizer(spec, config);
    this.type = `hf:${spec.model.type ?? "unknown"}`;
    this.vocabSize = vocabSizeOf(spec);
    const limits = [spec.truncation?.max_length, config.model_max_length].filter(
      (x): x is number => x !== undefined && x < NO_LIMIT,
    );
    this.modelMaxLength = limits.length > 0 ? Math.min(...limits) : undefined;
    // The template the post-processor wraps around one text, read off a probe sequence.
    const post = this.#tokenizer.post_processor;
    const framed = post ? post([PROBE], null, true) : { tokens: [PROBE] };
    const at = framed.tokens.indexOf(PROBE);
    if (at < 0 || framed.tokens.lastIndexOf(PROBE) !== at)
      throw new RangeError("tokenizer.json: the post-processor does not keep the text as one sequence");
    const idOf = (token: string) => {
      const id = this.#tokenizer.token_to_id(token);
      if (id === undefined) throw new RangeError(`tokenizer.json: the special token "${token}" has no id`);
      return id;
    };
    this.#prefix = framed.tokens.slice(0, at).map(idOf);
    this.#suffix = framed.tokens.slice(at + 1).map(idOf);
    const types = framed.token_type_ids ?? framed.tokens.map(() => 0);
    this.#prefixTypes = types.slice(0, at);
    this.#suffixTypes = types.slice(at + 1);
    this.#bodyType = types[at] ?? 0;
    const name = (t: HfTokenizerConfig["pad_token"]) => (t == null ? undefined : typeof t === "string" ? t : t.content);
    const padName = name(config.pad_token);
    const eosName = name(config.eos_token);
    const idOrUndefined = (t: string | undefined) => (t === undefined ? undefined : this.#tokenizer.token_to_id(t));
    // No pad token (Llama 3): the eos id, masked out anyway; transformers.js would pad with undefined.
    this.#padId = spec.padding?.pad_id ?? idOrUndefined(padName) ?? idOrUndefined(eosName) ?? 0;
    this.#padSide = spec.padding?.direction?.toLowerCase() === "left" ? "left" : (config.padding_side ?? "right");
    this.#truncateLeft = spec.truncation?.direction?.toLowerCase() === "left" || config.truncation_side === "left";
  }

  /** Ids of the text alone: normalized, pre-tokenized, split by the model; no specials. */
  tokenize(text: string): number[] {
    return this.#tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** One text framed by the template, its body cut so that the whole fits `maxTokens`. */
  encode(text: string, maxTokens = Infinity): { ids: number[]; typeIds: number[] } {
    const keep = Math.max(0, maxTokens - this.#prefix.length - this.#suffix.length);
    const all = this.tokenize(text);
    const body = all.length <= keep ? all : this.#truncateLeft ? all.slice(all.length - keep) : all.slice(0, keep);
    return {
      ids: [...this.#prefix, ...body, ...this.#suffix],
      typeIds: [...this.#prefixTypes, ...body.map(() => this.#bodyType), ...this.#suffixTypes],
    };
  }

  encodeBatch(texts: readonly string[], maxTokens: number, padTo: PadTo = "longest"): EncodedBatch {
    return packRows(
      texts.map((t) => this.encode(t, maxTokens)),
      maxTokens,
      padTo,
      this.#padId,
      this.#padSide,
    );
  }
}

/** Largest id + 1 over the model's vocabulary (a token → id map, or Unigram's [piece, score] list) and the added tokens. */
function vocabSizeOf(spec: z.infer<typeof HfTokenizerJsonSchema>): number {
  const vocab: unknown = spec.model["vocab"];
  // A loop, not Math.max(...ids): vocabularies of 100k+ entries overflow the argument stack.
  let size = Array.isArray(vocab) ? vocab.length : 0;
  if (!Array.isArray(vocab) && vocab !== null && typeof vocab === "object") {
    for (const id of Object.values(vocab)) if (typeof id === "number" && id + 1 > size) size = id + 1;
  }
  for (const t of spec.added_tokens) if (t.id + 1 > size) size = t.id + 1;
  return size;
}
