import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TokenizerSchema } from "../../../shared/classify/artifact-schema.ts";
import { WordPieceTokenizer } from "../../../shared/classify/tokenizer.ts";
import { brownParagraphs } from "../../../trainers/spam-lpft/brown-corpus.ts";
import { encodeTexts } from "../../../trainers/spam-lpft/features.ts";
import { learnVocab, SPECIAL_TOKENS } from "../../../trainers/spam-lpft/learn-vocab.ts";

const TEXTS = [
  "Congratulations!!! You've WON $1,000,000 — click http://example.com/claim?id=42 now.",
  "> Re: exmh unseen window\nI'll try it with another window manager; naïve café résumé.",
  "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election",
  "",
];

describe("learned WordPiece vocabulary", () => {
  const spec = learnVocab(brownParagraphs(3), { size: 500 });

  it("starts with the special tokens, has no duplicates and the requested size", () => {
    expect(spec.vocab.slice(0, SPECIAL_TOKENS.length)).toEqual([...SPECIAL_TOKENS]);
    expect(new Set(spec.vocab).size).toBe(spec.vocab.length);
    expect(spec.vocab.length).toBe(500);
  });

  it("gives the trainer the same ids as the shared tokenizer reading tokenizer.json (what workerd runs)", () => {
    const trainer = encodeTexts(new WordPieceTokenizer(spec), TEXTS, new Int32Array(TEXTS.length), 32);
    const served = new WordPieceTokenizer(TokenizerSchema.parse(JSON.parse(JSON.stringify(spec)))).encodeBatch(
      TEXTS,
      32,
    );
    expect(Array.from(trainer.ids)).toEqual(Array.from(served.ids));
    expect(Array.from(trainer.mask)).toEqual(Array.from(served.mask));
  });

  it("spells frequent words without [UNK] and is deterministic", () => {
    const tok = new WordPieceTokenizer(spec);
    expect(tok.tokenize("the jury said that the election was conducted")).not.toContain(1);
    expect(learnVocab(brownParagraphs(3), { size: 500 }).vocab).toEqual(spec.vocab);
  });

  it.skipIf(!existsSync("models/spam-lpft/tokenizer.json"))(
    "the committed model's tokenizer reproduces the trainer's golden ids (reusable in workerd)",
    () => {
      const golden = JSON.parse(readFileSync("tests/unit/transformer/golden/spam-lpft-token-ids.json", "utf8")) as {
        texts: string[];
        ids: number[][];
        mask: number[][];
        maxTokens: number;
      };
      const committed = TokenizerSchema.parse(JSON.parse(readFileSync("models/spam-lpft/tokenizer.json", "utf8")));
      const served = new WordPieceTokenizer(committed).encodeBatch(golden.texts, golden.maxTokens);
      expect(Array.from(served.ids)).toEqual(golden.ids.flat());
      expect(Array.from(served.mask)).toEqual(golden.mask.flat());
    },
  );
});
