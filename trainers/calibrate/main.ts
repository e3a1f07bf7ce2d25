/**
 * `npm run calibrate -- --model models/<name> --data <labelled .jsonl | .csv | .json>`
 * refits a classifier folder's temperature (and its abstention threshold) on a labelled file
 * with onnxruntime-node, rewrites calibration.json and the manifest, and regenerates
 * models/index.ts when the folder is in models/. Bad input exits with code 2.
 */
import { parseArgs } from "node:util";
import { calibrateModel } from "./calibrate-model.ts";
import { BadInputError } from "./labelled-file.ts";

function fail(message: string): never {
  console.error(`calibrate: ${message}`);
  process.exit(2);
}

let values: { model?: string | undefined; data?: string | undefined };
try {
  ({ values } = parseArgs({ options: { model: { type: "string" }, data: { type: "string" } } }));
} catch (e) {
  fail((e as Error).message);
}
if (!values.model || !values.data) fail("--model <folder> and --data <labelled file> are required");
try {
  const r = await calibrateModel(values.model, values.data);
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  console.log(`${values.model}: T ${r.temperatureBefore.toFixed(4)} -> ${r.temperature.toFixed(4)} on ${r.examples} examples (in-sample)`);
  console.log(`ECE ${pct(r.before.ece)} -> ${pct(r.after.ece)}, NLL ${r.before.nll.toFixed(4)} -> ${r.after.nll.toFixed(4)}, accuracy ${pct(r.after.accuracy)}`);
  console.log(`abstain: ${JSON.stringify(r.calibration.abstain)}`);
} catch (e) {
  if (e instanceof BadInputError) fail(e.message);
  throw e;
}
