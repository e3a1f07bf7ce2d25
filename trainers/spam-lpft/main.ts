/**
 * `npm run train:spam [-- --tiny] [--seed 7] [--ft-seed 7] [--pretrain-steps 1500] [--ft-epochs 10] [--lambda 0.05]
 *  [--members 16] [--out models/spam-lpft] [--docs docs] [--checkpoint <file>] [--resume <file>]
 *  [--save-pretrained <file>] [--pretrained <file>]`: MLM pretraining on Brown, LP / FT /
 * LP-FT on SpamAssassin, temperature scaling, the rBER variational head, ONNX export, the model
 * folder (+ models/index.ts) and docs/spam-lpft-training.md (the training-time record; the served
 * figures are `npm run eval:spam:served -- --record`'s, in docs/spam-lpft-report.md) with its SVGs. `--tiny` is the CI slice
 * (written under the OS temp folder, never over the committed model). Each run saves a checkpoint
 * (temp folder unless --checkpoint); --resume <file> redoes only the uncertainty head, the model
 * folder and the report from it (e.g. another --lambda) without retraining. The pretrained encoder
 * is saved as soon as pretraining ends (temp folder unless --save-pretrained); --pretrained <file>
 * starts from it, so LP / FT / LP-FT can be repeated with other --ft-seed values without pretraining.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeClassifierFolder } from "../model-add/write-folder.ts";
import { buildArtifact } from "./build-artifact.ts";
import { flatMetrics } from "./flat-metrics.ts";
import { FULL_OPTIONS, TINY_OPTIONS, type SpamOptions } from "./options.ts";
import { loadCheckpoint, loadPretrained, saveCheckpoint } from "./checkpoint.ts";
import { runExperiment, type Experiment } from "./pipeline.ts";
import { useWasmBackend } from "./tf-backend.ts";
import { renderReport } from "./report.ts";
import { runUncertaintyStage } from "./uncertainty-stage.ts";

function fail(message: string): never {
  console.error(`train:spam: ${message}`);
  process.exit(2);
}

const NUMERIC = {
  seed: "seed",
  "ft-seed": "ftSeed",
  "pretrain-steps": "pretrainSteps",
  "pretrain-batch": "pretrainBatch",
  "ft-epochs": "ftEpochs",
  "ft-rate": "ftRate",
  lambda: "lambda",
  members: "members",
  "head-steps": "headSteps",
  vocab: "vocabSize",
  dim: "dim",
  layers: "layers",
  heads: "heads",
  "max-tokens": "maxTokens",
  "target-accuracy": "targetAccuracy",
} as const satisfies Record<string, keyof SpamOptions>;

let parsed;
try {
  parsed = parseArgs({
    options: {
      tiny: { type: "boolean", default: false },
      out: { type: "string" },
      docs: { type: "string" },
      checkpoint: { type: "string" },
      resume: { type: "string" },
      pretrained: { type: "string" },
      "save-pretrained": { type: "string" },
      ...Object.fromEntries(Object.keys(NUMERIC).map((k) => [k, { type: "string" as const }])),
    },
  });
} catch (e) {
  fail((e as Error).message);
}
const values = parsed.values as Record<string, string | boolean | undefined>;
const o: SpamOptions = { ...(values.tiny ? TINY_OPTIONS : FULL_OPTIONS) };
for (const [flag, key] of Object.entries(NUMERIC)) {
  const raw = values[flag];
  if (raw === undefined) continue;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) fail(`--${flag} ${String(raw)} is not a non-negative number`);
  (o as unknown as Record<string, number>)[key] = v;
}
if (values["ft-seed"] === undefined) o.ftSeed = o.seed;
if (!(o.lambda >= 0 && o.lambda <= 1)) fail("--lambda must be in [0, 1]");
if (o.dim % o.heads !== 0) fail(`--dim ${o.dim} must be a multiple of --heads ${o.heads}`);
if (typeof values.out === "string") o.out = values.out;
if (typeof values.docs === "string") o.docs = values.docs;
if (process.argv.length > 2) o.command = `npm run train:spam -- ${process.argv.slice(2).join(" ")}`;

let x: Experiment;
try {
  if (typeof values.resume === "string") {
    await useWasmBackend();
    const saved = loadCheckpoint(values.resume);
    // The trained part comes from the checkpoint; head, report and output options from the flags.
    x = {
      ...saved,
      options: {
        ...saved.options,
        lambda: o.lambda,
        members: o.members,
        headSteps: o.headSteps,
        targetAccuracy: o.targetAccuracy,
        out: o.out,
        docs: o.docs,
        command: `${saved.options.command} && ${o.command}`,
      },
    };
  } else {
    await useWasmBackend();
    const reuse = typeof values.pretrained === "string" ? loadPretrained(values.pretrained) : undefined;
    const saveTo =
      typeof values["save-pretrained"] === "string"
        ? values["save-pretrained"]
        : join(tmpdir(), o.tiny ? "spam-lpft-ci.pretrained.json" : "spam-lpft.pretrained.json");
    x = await runExperiment(o, reuse, saveTo);
    saveCheckpoint(
      typeof values.checkpoint === "string"
        ? values.checkpoint
        : join(tmpdir(), o.tiny ? "spam-lpft-ci.ckpt.json" : "spam-lpft.ckpt.json"),
      x,
    );
  }
} catch (e) {
  // A missing data package or an unreadable data file is the user's to fix, not a crash.
  const code = (e as { code?: string }).code;
  if (code === "ENOENT" || code === "MODULE_NOT_FOUND" || e instanceof RangeError || e instanceof SyntaxError)
    fail((e as Error).message);
  throw e;
}
const u = runUncertaintyStage(x);
const provisional = flatMetrics(x, u, NaN);
const { artifact, parity } = await buildArtifact(x, u, provisional);
artifact.metrics = flatMetrics(x, u, parity);
for (const file of await writeClassifierFolder(o.out, artifact)) console.log(`wrote ${file}`);
for (const file of (await import("../hf-export/export-hf.ts")).exportHfFolder(
  o.out,
  join(tmpdir(), `${artifact.name}-hf`),
))
  console.log(`wrote ${file} (Hugging Face layout: npm run model:add -- --hf)`);
const report = renderReport(x, u, parity);
mkdirSync(o.docs, { recursive: true });
writeFileSync(join(o.docs, "spam-lpft-training.md"), report.markdown);
for (const [name, svg] of Object.entries(report.svgs)) writeFileSync(join(o.docs, name), svg);
console.log(`wrote ${join(o.docs, "spam-lpft-training.md")} and ${Object.keys(report.svgs).length} SVGs`);
console.log(report.markdown);
