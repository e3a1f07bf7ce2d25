import { expect, it } from "vitest";
import { HfTokenizer } from "../../../shared/classify/hf-tokenizer.ts";

/**
 * A SentencePiece Unigram tokenizer.json (Metaspace pre-tokenizer, ▁ for spaces, </s> appended)
 * over a hand-made vocabulary: the ids are the Viterbi segmentation, the one with the largest
 * sum of piece log-probabilities (Kudo 2018), worked out by hand below.
 */
const VOCAB: [string, number][] = [
  ["<pad>", 0],
  ["</s>", 0],
  ["<unk>", 0],
  ["▁", -2],
  ["a", -3],
  ["b", -3],
  ["ab", -2.5],
  ["▁a", -2],
  ["▁ab", -4.2],
  ["c", -3],
  ["bc", -1],
];
const tokenizer = new HfTokenizer(
  {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      { id: 0, content: "<pad>", special: true },
      { id: 1, content: "</s>", special: true },
      { id: 2, content: "<unk>", special: true },
    ],
    normalizer: null,
    pre_tokenizer: { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } }],
      pair: [],
      special_tokens: { "</s>": { id: "</s>", ids: [1], tokens: ["</s>"] } },
    },
    decoder: null,
    model: { type: "Unigram", unk_id: 2, vocab: VOCAB, byte_fallback: false },
  },
  { pad_token: "<pad>", model_max_length: 8 },
);

it("segments by Viterbi: ▁abc = ▁a + bc (−3) beats ▁ab + c (−7.2) and ▁ + ab + c (−7.5)", () => {
  expect(tokenizer.encode("abc").ids).toEqual([7, 10, 1]);
});

it("maps an uncoverable character to <unk> and keeps </s> when truncating", () => {
  expect(tokenizer.encode("abz").ids).toEqual([8, 2, 1]); // ▁ab (−4.2) beats ▁a + b (−5); z is <unk>
  expect(tokenizer.encode("abc abc abc abc", 5).ids).toEqual([7, 10, 7, 10, 1]);
});
