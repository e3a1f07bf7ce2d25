import { TokenizerSchema } from "./artifact-schema.ts";
import { HfTokenizer } from "./hf-tokenizer.ts";
import type { TextTokenizer } from "./text-tokenizer.ts";
import { WordPieceTokenizer } from "./tokenizer.ts";

/**
 * The tokenizer of a text model from its parsed files: a Hugging Face `tokenizer.json` (it has a
 * `model` object; `tokenizer_config.json`, role "tokenizer-config", is optional) or our own
 * WordPiece spec (`kind: "wordpiece"`). Throws RangeError/ZodError on a broken file; callers
 * turn that into their own error (InvalidArtifactError in the loader, exit 2 in CLIs).
 */
export function isHfTokenizerJson(json: unknown): boolean {
  return (
    typeof json === "object" &&
    json !== null &&
    "model" in json &&
    typeof (json as { model: unknown }).model === "object"
  );
}

export function tokenizerFromFiles(json: unknown, config?: unknown): TextTokenizer {
  if (isHfTokenizerJson(json)) return new HfTokenizer(json, config ?? {});
  return new WordPieceTokenizer(TokenizerSchema.parse(json));
}
