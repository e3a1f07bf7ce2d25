import type { TokenizerSpec } from "../../shared/classify/artifact-schema.ts";

/**
 * Hugging Face `tokenizer.json` + `tokenizer_config.json` for WordPiece vocabularies, in the
 * layout `tokenizers` (Rust) and transformers.js read: `bertTokenizerFiles` is what
 * BertTokenizerFast saves for an uncased BERT (BertNormalizer, BertPreTokenizer, [CLS] $A [SEP]);
 * `wordPieceSpecFiles` expresses our own WordPiece spec (shared/classify/tokenizer.ts) exactly:
 * NFC + lower-case, words = runs of non-space non-punctuation or single punctuation/symbol
 * characters, no accent stripping — so an exported model sees the ids it was trained on.
 */
export interface HfTokenizerFiles {
  tokenizer: Record<string, unknown>;
  config: Record<string, unknown>;
}

/**
 * JavaScript's \s, spelled out as literal characters: our tokenizer splits words on it, while
 * \s in the regex engines of `tokenizers` (Rust, and its JS port) is Unicode White_Space,
 * which leaves out U+FEFF — "width\uFEFFbom" would become one [UNK] word instead of two.
 */
const JS_WHITE_SPACE = "\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

const special = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

function template(cls: string | undefined, sep: string | undefined, ids: Map<string, number>) {
  const tok = (t: string | undefined, typeId: number) =>
    t === undefined ? [] : [{ SpecialToken: { id: t, type_id: typeId } }];
  const specials = Object.fromEntries(
    [cls, sep].filter((t): t is string => t !== undefined).map((t) => [t, { id: t, ids: [ids.get(t)!], tokens: [t] }]),
  );
  return {
    type: "TemplateProcessing",
    single: [...tok(cls, 0), { Sequence: { id: "A", type_id: 0 } }, ...tok(sep, 0)],
    pair: [
      ...tok(cls, 0),
      { Sequence: { id: "A", type_id: 0 } },
      ...tok(sep, 0),
      { Sequence: { id: "B", type_id: 1 } },
      ...tok(sep, 1),
    ],
    special_tokens: specials,
  };
}

function vocabMap(vocab: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  vocab.forEach((t, i) => {
    if (!ids.has(t)) ids.set(t, i); // a duplicate keeps its first id, as our tokenizer does
  });
  return ids;
}

/** The tokenizer files of an uncased BERT over `vocab` (ids = positions). */
export function bertTokenizerFiles(vocab: readonly string[], maxLength = 512): HfTokenizerFiles {
  const ids = vocabMap(vocab);
  const specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].filter((t) => ids.has(t));
  return {
    tokenizer: {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: specials.map((t) => special(ids.get(t)!, t)),
      normalizer: {
        type: "BertNormalizer",
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: null,
        lowercase: true,
      },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: template("[CLS]", "[SEP]", ids),
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: {
        type: "WordPiece",
        unk_token: "[UNK]",
        continuing_subword_prefix: "##",
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(ids),
      },
    },
    config: {
      tokenizer_class: "BertTokenizer",
      do_lower_case: true,
      model_max_length: maxLength,
      padding_side: "right",
      truncation_side: "right",
      unk_token: "[UNK]",
      sep_token: "[SEP]",
      pad_token: "[PAD]",
      cls_token: "[CLS]",
      mask_token: "[MASK]",
      clean_up_tokenization_spaces: true,
    },
  };
}

/** Our WordPiece spec as Hugging Face files that give the same ids (tests/unit/hf/export-hf.test.ts). */
export function wordPieceSpecFiles(spec: TokenizerSpec, maxLength: number): HfTokenizerFiles {
  const ids = vocabMap(spec.vocab);
  const prefix = spec.continuationPrefix ?? "##";
  return {
    tokenizer: {
      version: "1.0",
      truncation: { direction: "Right", max_length: maxLength, strategy: "LongestFirst", stride: 0 },
      padding: null,
      // No added tokens: a literal "[CLS]" in a text is split like any other text, as in training.
      added_tokens: [],
      normalizer: {
        type: "Sequence",
        normalizers: [{ type: "NFC" }, ...(spec.lowercase ? [{ type: "Lowercase" }] : [])],
      },
      pre_tokenizer: {
        type: "Split",
        pattern: { Regex: `[\\p{P}\\p{S}]|[^${JS_WHITE_SPACE}\\p{P}\\p{S}]+` },
        behavior: "Removed",
        invert: true,
      },
      post_processor: template(spec.classToken, spec.separatorToken, ids),
      decoder: { type: "WordPiece", prefix, cleanup: true },
      model: {
        type: "WordPiece",
        unk_token: spec.unknown,
        continuing_subword_prefix: prefix,
        max_input_chars_per_word: spec.maxWordChars ?? 100,
        vocab: Object.fromEntries(ids),
      },
    },
    config: {
      tokenizer_class: "PreTrainedTokenizerFast",
      model_max_length: maxLength,
      padding_side: "right",
      truncation_side: "right",
      unk_token: spec.unknown,
      pad_token: spec.padding,
      ...(spec.classToken ? { cls_token: spec.classToken } : {}),
      ...(spec.separatorToken ? { sep_token: spec.separatorToken } : {}),
    },
  };
}
