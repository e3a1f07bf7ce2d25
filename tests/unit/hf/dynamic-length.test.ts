import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../shared/artifacts/registry.ts";
import type { Classifier } from "../../../shared/classify/classifier.ts";
import { buildFeeds } from "../../../shared/classify/inputs.ts";
import { classifierLoader } from "../../../shared/classify/loader.ts";
import { directorySource } from "../../../shared/node/model-source.ts";
import { createNodeSession } from "../../../shared/node/onnx-session.ts";
import { addModel } from "../../../trainers/model-add/add-model.ts";
import { readHfFolder } from "../../../trainers/model-add/hf-folder.ts";
import { writeClassifierFolder } from "../../../trainers/model-add/write-folder.ts";
import { SPAM_LABELS, spamSplits } from "../../../trainers/spam-lpft/spam-data.ts";
import { writeBertBagFolder } from "./bert-bag-fixture.ts";

const tmp = mkdtempSync(join(tmpdir(), "dynamic-length-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a BERT-shaped Hugging Face model with a dynamic sequence axis", () => {
  let classifier: Classifier;
  beforeAll(async () => {
    writeBertBagFolder(join(tmp, "hf"));
    const hf = readHfFolder(join(tmp, "hf"));
    const valid = spamSplits(1, 150).valid;
    writeFileSync(
      join(tmp, "calibration.json"),
      JSON.stringify({
        texts: valid.texts.map((t) => t.slice(0, 10_000)),
        labels: Array.from(valid.labels, (y) => SPAM_LABELS[y]),
      }),
    );
    const artifact = await addModel({
      onnx: hf.onnx,
      labels: hf.labels,
      calibration: join(tmp, "calibration.json"),
      name: "bert-bag",
      targetAccuracy: 0.6,
      command: "test",
      tokenizer: { json: hf.tokenizer, config: hf.tokenizerConfig, source: "tokenizer.json" },
      ...(hf.maxPositions ? { maxPositions: hf.maxPositions } : {}),
    });
    await writeClassifierFolder(join(tmp, "models", "bert-bag"), artifact);
    classifier = (
      await new ModelRegistry(directorySource(join(tmp, "models")), {
        classifier: classifierLoader(createNodeSession),
      }).get("bert-bag", "classifier")
    ).compiled;
  }, 120_000);

  it("declares input_ids, attention_mask, token_type_ids, padding to the longest text, 512 tokens from the config", () => {
    expect(classifier.parts.config).toEqual({
      input: {
        kind: "text",
        name: "input_ids",
        maxTokens: 512,
        dtype: "int64",
        mask: "attention_mask",
        typeIds: "token_type_ids",
        padTo: "longest",
      },
      outputs: { logits: "logits", features: "pooler_output" },
    });
  });

  it("pads a batch to its longest text, truncates at 512 keeping [SEP], and feeds all three inputs", () => {
    const short = buildFeeds("m", classifier.parts.config, classifier.parts.tokenizer, { texts: ["Café", "a b c"] });
    expect(short.feeds.input_ids!.dims).toEqual([2, 5]);
    expect(Array.from(short.feeds.input_ids!.data as BigInt64Array, Number)).toEqual([
      101, 7668, 102, 0, 0, 101, 1037, 1038, 1039, 102,
    ]);
    expect(Array.from(short.feeds.attention_mask!.data as BigInt64Array, Number)).toEqual([
      1, 1, 1, 0, 0, 1, 1, 1, 1, 1,
    ]);
    expect(Array.from(short.feeds.token_type_ids!.data as BigInt64Array, Number)).toEqual(new Array(10).fill(0));
    const long = buildFeeds("m", classifier.parts.config, classifier.parts.tokenizer, {
      texts: ["word ".repeat(2000)],
    });
    expect(long.feeds.input_ids!.dims).toEqual([1, 512]);
    expect(Number((long.feeds.input_ids!.data as BigInt64Array)[511])).toBe(102);
  });

  it("gives a text the same probabilities alone and padded in a batch with a long text", async () => {
    const alone = await classifier.classify({ text: "Cheap meds, click here!" });
    const batched = await classifier.classify({
      texts: ["Cheap meds, click here!", "a much longer message ".repeat(40)],
    });
    expect(batched.predictions[0]!.probs.spam).toBeCloseTo(alone.predictions[0]!.probs.spam!, 6);
  });

  it("fits a 16-member Laplace head on pooler_output: epistemic uncertainty > 0", async () => {
    const r = await classifier.classify({ texts: ["hello there", "WIN MONEY NOW", "meeting at noon"] });
    expect(r.model.members).toBe(16);
    expect(Math.max(...r.predictions.map((p) => p.uncertainty.epistemic))).toBeGreaterThan(0);
  });
});
