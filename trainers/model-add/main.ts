/**
 * `npm run model:add -- --onnx model.onnx --labels a,b,c --calibration labelled.json
 *  [--name my-model] [--out models/my-model] [--target-accuracy 0.9] [--logits <output>]
 *  [--features <output>] [--members 16] [--seed 14]
 *  [--tokenizer tokenizer.json [--tokenizer-config tokenizer_config.json] --max-tokens 128]`
 * or `npm run model:add -- --hf <folder> --calibration labelled.json [--quantized] …` for a folder
 * in the layout optimum and transformers.js use (config.json with id2label, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx or onnx/model_quantized.onnx).
 * Registers your own ONNX classifier: fits its temperature (and, when the graph exposes pooled
 * features, a last-layer Laplace head) on the labelled file with onnxruntime-node, copies the
 * graph into the model folder with a manifest (sha256 of every file) and regenerates
 * models/index.ts. See docs/classifier-artifact.md and docs/hugging-face.md.
 */
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { addModel, type AddModelOptions } from "./add-model.ts";
import { readHfFolder } from "./hf-folder.ts";
import { writeClassifierFolder } from "./write-folder.ts";

function fail(message: string): never {
  console.error(`model:add: ${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      onnx: { type: "string" },
      hf: { type: "string" },
      quantized: { type: "boolean", default: false },
      labels: { type: "string" },
      calibration: { type: "string" },
      name: { type: "string" },
      out: { type: "string" },
      "target-accuracy": { type: "string", default: "0.9" },
      logits: { type: "string" },
      features: { type: "string" },
      members: { type: "string", default: "16" },
      seed: { type: "string", default: "14" },
      tokenizer: { type: "string" },
      "tokenizer-config": { type: "string" },
      "max-tokens": { type: "string" },
    },
  });
} catch (e) {
  fail((e as Error).message);
}
const values = parsed.values;

const readJson = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    fail(`${path}: ${(e as Error).message}`);
  }
};

if (!values.calibration) fail("--calibration is required");
if (!values.onnx === !values.hf) fail("pass exactly one of --onnx <model.onnx> or --hf <folder>");
let hf;
try {
  hf = values.hf ? readHfFolder(values.hf, values.quantized) : undefined;
} catch (e) {
  fail((e as Error).message);
}
const onnx = hf?.onnx ?? values.onnx!;
const defaultName = values.hf ? basename(resolve(values.hf)) : basename(onnx, ".onnx");
const name =
  values.name ??
  defaultName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
  fail(`"${name}" is not a model name (lower-case letters, digits, dashes): pass --name`);
const labels = values.labels ? values.labels.split(",").map((l) => l.trim()) : hf?.labels;
if (!labels) fail("--labels is required with --onnx");
if (labels.length < 2 || labels.some((l) => l === "")) fail("--labels needs at least two comma-separated names");
const targetAccuracy = Number(values["target-accuracy"]);
if (!(targetAccuracy > 0 && targetAccuracy <= 1)) fail("--target-accuracy must be in (0, 1]");
const members = Number(values.members);
if (!Number.isInteger(members) || members < 2 || members % 2 !== 0)
  fail("--members must be an even integer ≥ 2 (antithetic pairs)");
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) fail("--seed must be a non-negative integer");
const maxTokens = values["max-tokens"] === undefined ? undefined : Number(values["max-tokens"]);
if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens >= 2))
  fail("--max-tokens must be an integer ≥ 2");

const tokenizer: AddModelOptions["tokenizer"] = hf
  ? { json: hf.tokenizer, config: hf.tokenizerConfig, source: `${values.hf}/tokenizer.json` }
  : values.tokenizer
    ? {
        json: readJson(values.tokenizer),
        ...(values["tokenizer-config"]
          ? { config: readJson(values["tokenizer-config"]) as Record<string, unknown> }
          : {}),
        source: values.tokenizer,
      }
    : undefined;

let artifact;
try {
  artifact = await addModel({
    onnx,
    labels,
    calibration: values.calibration,
    name,
    targetAccuracy,
    members,
    seed,
    command: `npm run model:add -- ${process.argv.slice(2).join(" ")}`,
    ...(tokenizer ? { tokenizer } : {}),
    ...(hf?.maxPositions ? { maxPositions: hf.maxPositions } : {}),
    ...(hf?.preprocess ? { preprocess: hf.preprocess } : {}),
    ...(values.logits ? { logits: values.logits } : {}),
    ...(values.features ? { features: values.features } : {}),
    ...(maxTokens ? { maxTokens } : {}),
  });
} catch (e) {
  fail((e as Error).message);
}
for (const file of await writeClassifierFolder(values.out ?? `models/${name}`, artifact)) console.log(`wrote ${file}`);
console.log(JSON.stringify(artifact.metrics, null, 2));
