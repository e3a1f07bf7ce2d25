/**
 * `npm run train:demo-classifier [-- --seed 7 --out models/demo-classifier]`: trains the demo
 * numeric classifier (trainers/classifier-demo/train.ts), writes the model folder, regenerates
 * models/index.ts, and refreshes the onnxruntime-node golden vectors the tests compare with.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeClassifierFolder } from "../model-add/write-folder.ts";
import { writeReference } from "./reference.ts";
import { DEFAULT_OPTIONS, trainDemo } from "./train.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    out: { type: "string", default: "models/demo-classifier" },
    train: { type: "string" },
    hidden: { type: "string" },
    epochs: { type: "string" },
    "weight-decay": { type: "string" },
    "no-reference": { type: "boolean", default: false },
  },
});

const options = { ...DEFAULT_OPTIONS };
const numeric = {
  seed: "seed",
  train: "train",
  hidden: "hidden",
  epochs: "epochs",
  "weight-decay": "weightDecay",
} as const;
for (const [flag, key] of Object.entries(numeric)) {
  const value = values[flag as keyof typeof numeric];
  if (value === undefined) continue;
  if (!Number.isFinite(Number(value))) throw new Error(`--${flag} ${value} is not a number`);
  options[key] = Number(value);
}
if (process.argv.length > 2) options.command += ` -- ${process.argv.slice(2).join(" ")}`;

const started = performance.now();
const artifact = trainDemo(options);
for (const file of await writeClassifierFolder(values.out, artifact)) console.log(`wrote ${file}`);
console.log(JSON.stringify(artifact.metrics, null, 2));
console.log(
  `temperature ${artifact.calibration.temperature.toFixed(4)}, abstain ${JSON.stringify(artifact.calibration.abstain)}`,
);
// The golden vectors describe the deployed model only.
if (!values["no-reference"] && resolve(values.out) === resolve("models/demo-classifier"))
  console.log(`wrote ${await writeReference()}`);
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
