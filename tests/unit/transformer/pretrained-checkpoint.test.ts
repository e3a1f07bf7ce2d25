import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TokenizerSpec } from "../../../shared/classify/artifact-schema.ts";
import { loadPretrained, savePretrained } from "../../../trainers/spam-lpft/checkpoint.ts";
import { initEncoder } from "../../../trainers/spam-lpft/encoder.ts";
import { exportWeights } from "../../../trainers/spam-lpft/export-weights.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";

describe("the saved pretrained encoder (train:spam --save-pretrained / --pretrained)", () => {
  it("reloads bit for bit with its seed, tokenizer and pretraining record", async () => {
    await useWasmBackend();
    const encoder = initEncoder({ vocab: 20, dim: 8, layers: 1, heads: 2, ffn: 16, maxTokens: 6 }, 5, "roundtrip");
    const tokenizer: TokenizerSpec = {
      kind: "wordpiece",
      lowercase: true,
      vocab: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a"],
      continuationPrefix: "##",
      unknown: "[UNK]",
      padding: "[PAD]",
      maxWordChars: 100,
    };
    const pretraining = { losses: [3, 2.5], seconds: 1, tokensPerSecond: 10, sequences: 4 };
    const path = join(mkdtempSync(join(tmpdir(), "pretrained-")), "p.json");
    savePretrained(path, {
      seed: 11,
      command: "npm run train:spam -- --save-pretrained p.json",
      tokenizer,
      pretraining,
      encoder,
    });
    const back = loadPretrained(path);
    expect(back.seed).toBe(11);
    expect(back.command).toBe("npm run train:spam -- --save-pretrained p.json");
    expect(back.tokenizer).toEqual(tokenizer);
    expect(back.pretraining).toEqual(pretraining);
    const head = { v: [0, 0], b: [0] };
    expect(exportWeights(back.encoder, head)).toEqual(exportWeights(encoder, head));
  });

  it("refuses a file that is not one", () => {
    const path = join(mkdtempSync(join(tmpdir(), "pretrained-")), "x.json");
    writeFileSync(path, JSON.stringify({ experiment: {} }));
    expect(() => loadPretrained(path)).toThrow(/not a pretrained encoder/);
  });
});
