/**
 * `npm run model:add -- --onnx model.onnx --labels a,b,c --calibration labelled.json
 *  [--name my-model] [--out models/my-model] [--target-accuracy 0.9] [--logits <output>]
 *  [--tokenizer tokenizer.json --max-tokens 128]`
 * registers your own ONNX classifier: fits its temperature on the labelled file with
 * onnxruntime-node, copies the graph into the model folder with a manifest (sha256 of every
 * file) and regenerates models/index.ts. See docs/classifier-artifact.md.
 */
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { addModel } from "./add-model.ts";
import { writeClassifierFolder } from "./write-folder.ts";

const { values } = parseArgs({
  options: {
    onnx: { type: "string" },
    labels: { type: "string" },
    calibration: { type: "string" },
    name: { type: "string" },
    out: { type: "string" },
    "target-accuracy": { type: "string", default: "0.9" },
    logits: { type: "string" },
    tokenizer: { type: "string" },
    "max-tokens": { type: "string" },
  },
});

function fail(message: string): never {
  console.error(`model:add: ${message}`);
  process.exit(2);
}

if (!values.onnx || !values.labels || !values.calibration) fail("--onnx, --labels and --calibration are required");
const name = values.name ?? basename(values.onnx, ".onnx").toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) fail(`"${name}" is not a model name (lower-case letters, digits, dashes): pass --name`);
const labels = values.labels.split(",").map((l) => l.trim());
if (labels.length < 2 || labels.some((l) => l === "")) fail("--labels needs at least two comma-separated names");
const targetAccuracy = Number(values["target-accuracy"]);
if (!(targetAccuracy > 0 && targetAccuracy <= 1)) fail("--target-accuracy must be in (0, 1]");

const artifact = await addModel({
  onnx: values.onnx,
  labels,
  calibration: values.calibration,
  name,
  targetAccuracy,
  command: `npm run model:add -- ${process.argv.slice(2).join(" ")}`,
  ...(values.tokenizer ? { tokenizer: values.tokenizer } : {}),
  ...(values.logits ? { logits: values.logits } : {}),
  ...(values["max-tokens"] ? { maxTokens: Number(values["max-tokens"]) } : {}),
});
for (const file of await writeClassifierFolder(values.out ?? `models/${name}`, artifact)) console.log(`wrote ${file}`);
console.log(JSON.stringify(artifact.metrics, null, 2));
