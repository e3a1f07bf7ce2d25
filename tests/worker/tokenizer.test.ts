import { expect, it } from "vitest";
import { TokenizerSchema } from "../../shared/classify/artifact-schema.ts";
import { WordPieceTokenizer } from "../../shared/classify/tokenizer.ts";
import goldenModule from "../unit/spam-lpft/golden/spam-lpft-token-ids.json";
import { modelFiles } from "./model-files.ts";

/** Written by the trainer (trainers/spam-lpft) in Node; the JSON arrives parsed here (not a model file). */
const golden = goldenModule as unknown as { texts: string[]; ids: number[][]; mask: number[][]; maxTokens: number };

it("tokenizes in workerd exactly as the trainer did in Node (spam-lpft golden ids)", async () => {
  const bytes = (await modelFiles("spam-lpft"))["tokenizer.json"]!;
  const tokenizer = new WordPieceTokenizer(TokenizerSchema.parse(JSON.parse(new TextDecoder().decode(bytes))));
  const encoded = tokenizer.encodeBatch(golden.texts, golden.maxTokens);
  expect(Array.from(encoded.ids)).toEqual(golden.ids.flat());
  expect(Array.from(encoded.mask)).toEqual(golden.mask.flat());
});
