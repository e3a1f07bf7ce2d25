import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../shared/artifacts/registry.ts";
import { Classifier } from "../../../shared/classify/classifier.ts";
import { buildFeeds } from "../../../shared/classify/inputs.ts";
import { classifierLoader } from "../../../shared/classify/loader.ts";
import { directorySource } from "../../../shared/node/model-source.ts";
import { createNodeSession } from "../../../shared/node/onnx-session.ts";
import { exportHfFolder } from "../../../trainers/hf-export/export-hf.ts";
import { SPAM_LABELS, spamSplits } from "../../../trainers/spam-lpft/spam-data.ts";
import { parityTexts } from "./parity-texts.ts";

/**
 * spam-lpft → Hugging Face layout (model:export-hf) → `npm run model:add -- --hf` → served:
 * the same token ids, bit-identical logits and features, and — with the shipped head and
 * temperature — identical probabilities; the import's own Laplace head gives 16 members.
 */
const tmp = mkdtempSync(join(tmpdir(), "export-hf-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const load = async (modelsDir: string, name: string) =>
  (
    await new ModelRegistry(directorySource(modelsDir), { classifier: classifierLoader(createNodeSession) }).get(
      name,
      "classifier",
    )
  ).compiled;

describe("spam-lpft exported in the Hugging Face layout and imported by model:add --hf", () => {
  const splits = spamSplits(1, 200);
  const texts = [...splits.test.texts.slice(0, 120), ...parityTexts().filter((_, i) => i % 10 === 0)].map((t) =>
    t.slice(0, 10_000),
  ); // MAX_TEXT_CHARS
  let shipped: Classifier;
  let imported: Classifier;
  beforeAll(async () => {
    const hfDir = join(tmp, "spam-hf");
    const files = exportHfFolder("models/spam-lpft", hfDir);
    expect(files.map((f) => f.slice(hfDir.length + 1))).toEqual([
      "config.json",
      "tokenizer.json",
      "tokenizer_config.json",
      "onnx/model.onnx",
    ]);
    const labels = Array.from(splits.valid.labels, (y) => SPAM_LABELS[y]!);
    writeFileSync(
      join(tmp, "calibration.json"),
      JSON.stringify({ texts: splits.valid.texts.map((t) => t.slice(0, 10_000)), labels }),
    );
    execFileSync(
      "npx",
      [
        "tsx",
        "trainers/model-add/main.ts",
        "--hf",
        hfDir,
        "--calibration",
        join(tmp, "calibration.json"),
        "--out",
        join(tmp, "models", "spam-hf"),
        "--target-accuracy",
        "0.95",
      ],
      { stdio: "pipe" },
    );
    shipped = await load("models", "spam-lpft");
    imported = await load(join(tmp, "models"), "spam-hf");
  }, 180_000);

  it("reads labels, token inputs, the fixed 128-token axis and the text pipeline off the folder", () => {
    expect(imported.parts.labels).toEqual(["ham", "spam"]);
    expect(imported.parts.config).toEqual({
      input: {
        kind: "text",
        name: "input_ids",
        mask: "attention_mask",
        maxTokens: 128,
        dtype: "int64",
        preprocess: ["email-message", "html-to-text", "decode-entities", "collapse-whitespace"],
      },
      outputs: { logits: "logits", features: "features" },
    });
    expect(imported.parts.tokenizer!.type).toBe("hf:WordPiece");
  });

  it("tokenizes all 1,072 parity texts exactly as the trainer's WordPiece (accents, U+FEFF, CJK, emoji)", () => {
    for (const text of parityTexts()) {
      const a = shipped.parts.tokenizer!.encodeBatch([text], 100_000, "longest");
      const b = imported.parts.tokenizer!.encodeBatch([text], 100_000, "longest");
      expect(Array.from(b.ids), JSON.stringify(text.slice(0, 40))).toEqual(Array.from(a.ids));
    }
  }, 300_000);

  it("feeds the same token ids and gets bit-identical logits and features", async () => {
    for (let start = 0; start < texts.length; start += 32) {
      const input = { texts: texts.slice(start, start + 32) };
      const a = buildFeeds("shipped", shipped.parts.config, shipped.parts.tokenizer, input);
      const b = buildFeeds("imported", imported.parts.config, imported.parts.tokenizer, input);
      expect(b.feeds).toEqual(a.feeds);
      const [outA, outB] = [await shipped.parts.session.run(a.feeds), await imported.parts.session.run(b.feeds)];
      expect(Array.from(outB.logits!.data as Float32Array)).toEqual(Array.from(outA.logits!.data as Float32Array));
      expect(Array.from(outB.features!.data as Float32Array)).toEqual(Array.from(outA.features!.data as Float32Array));
    }
  }, 300_000);

  it("gives the shipped probabilities when given the shipped head and temperature", async () => {
    const same = new Classifier({
      ...imported.parts,
      head: shipped.parts.head!,
      calibration: shipped.parts.calibration,
    });
    const want = await shipped.classify({ texts: texts.slice(0, 40) });
    const got = await same.classify({ texts: texts.slice(0, 40) });
    expect(got.predictions).toEqual(want.predictions);
  });

  it("fits its own 16-member Laplace head on the calibration file: epistemic uncertainty > 0", async () => {
    const manifest = JSON.parse(readFileSync(join(tmp, "models", "spam-hf", "manifest.json"), "utf8"));
    expect(manifest.metrics).toMatchObject({ members: 16, headMembers: 16, tokenizer: "hf:WordPiece" });
    expect(manifest.metrics.headLinearResidual).toBeLessThan(1e-3);
    const result = await imported.classify({ texts: texts.slice(0, 20) });
    expect(result.model.members).toBe(16);
    expect(Math.max(...result.predictions.map((p) => p.uncertainty.epistemic))).toBeGreaterThan(0);
    const accuracy = result.predictions.filter((p, i) => p.label === SPAM_LABELS[splits.test.labels[i]!]).length / 20;
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
  });
});
