import { describe, expect, it } from "vitest";
import { WordPieceTokenizer } from "../../../shared/classify/tokenizer.ts";
import { TEXT_FIXTURE_TOKENIZER, TEXT_FIXTURE_VOCAB } from "../../../trainers/onnx/bag-of-embeddings.ts";

const tok = new WordPieceTokenizer(TEXT_FIXTURE_TOKENIZER);
const id = (t: string) => TEXT_FIXTURE_VOCAB.indexOf(t);

describe("WordPiece tokenizer", () => {
  it("lower-cases, splits punctuation off, and takes the longest pieces first", () => {
    expect(tok.tokenize("The movie was GOODLY!")).toEqual([
      id("the"),
      id("movie"),
      id("was"),
      id("good"),
      id("##ly"),
      id("!"),
    ]);
  });

  it("maps a word it cannot cover entirely to [UNK], not to partial pieces", () => {
    expect(tok.tokenize("goodness zebra")).toEqual([id("[UNK]"), id("[UNK]")]);
  });

  it("frames with [CLS] … [SEP], truncates to the length, and pads with a zero mask", () => {
    const batch = tok.encodeBatch(["good", "good ".repeat(10)], 5);
    expect(Array.from(batch.ids.subarray(0, 5))).toEqual([
      id("[CLS]"),
      id("good"),
      id("[SEP]"),
      id("[PAD]"),
      id("[PAD]"),
    ]);
    expect(Array.from(batch.mask.subarray(0, 5))).toEqual([1, 1, 1, 0, 0]);
    expect(Array.from(batch.ids.subarray(5))).toEqual([id("[CLS]"), id("good"), id("good"), id("good"), id("[SEP]")]);
  });

  it("refuses a vocabulary without its special tokens", () => {
    expect(() => new WordPieceTokenizer({ ...TEXT_FIXTURE_TOKENIZER, vocab: ["a", "[UNK]"] })).toThrow(
      '"[PAD]" is not in the vocabulary',
    );
  });
});
