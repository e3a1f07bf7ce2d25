import type { ClassifierArtifact } from "../model-add/classifier-files.ts";
import { encodeOnnxModel } from "../onnx/model-proto.ts";
import { TEXT_FIXTURE_TOKENIZER, textFixture } from "../onnx/bag-of-embeddings.ts";

/**
 * A text classifier artifact for tests of the text input path (tokenizer, ids and mask,
 * truncation) and of a model without a head posterior (one member: epistemic = 0).
 */
export function textFixtureArtifact(): ClassifierArtifact {
  const fixture = textFixture();
  return {
    name: "text-fixture",
    version: "0.0.1",
    description: "Bag-of-embeddings text fixture with seeded weights (tests only).",
    labels: ["negative", "positive"],
    onnx: encodeOnnxModel(fixture.graph),
    config: {
      input: { kind: "text", name: "input_ids", mask: "attention_mask", maxTokens: fixture.maxTokens, dtype: "int64" },
      outputs: { logits: "logits" },
    },
    calibration: {
      method: "temperature-scaling",
      temperature: 1.5,
      abstain: { metric: "maxProb", threshold: 0.6, targetAccuracy: 0.9, coverage: 1 },
      fit: { split: "none", note: "fixed by hand for the fixture" },
    },
    tokenizer: TEXT_FIXTURE_TOKENIZER,
    metrics: { fixture: true },
    training: { command: "trainers/classifier-demo/text-fixture.ts", seed: 7, data: "none: seeded random weights" },
  };
}

export const TEXT_FIXTURE_TEXTS = [
  "The movie was good!",
  "awful. not great",
  "Goodly, goodly movie.",
  "zebra quantum", // unknown words only
  "good ".repeat(20), // longer than maxTokens: truncated
];
