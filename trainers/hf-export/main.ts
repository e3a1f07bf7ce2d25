/**
 * `npm run model:export-hf -- --model models/spam-lpft --out <dir>` writes a text classifier of
 * models/ in the Hugging Face optimum / transformers.js layout (export-hf.ts); import it back
 * with `npm run model:add -- --hf <dir> --calibration labelled.json`.
 */
import { parseArgs } from "node:util";
import { exportHfFolder } from "./export-hf.ts";

function fail(message: string): never {
  console.error(`model:export-hf: ${message}`);
  process.exit(2);
}

let values;
try {
  values = parseArgs({ options: { model: { type: "string" }, out: { type: "string" } } }).values;
} catch (e) {
  fail((e as Error).message);
}
if (!values.model || !values.out) fail("--model <model folder> and --out <folder> are required");
try {
  for (const file of exportHfFolder(values.model, values.out)) console.log(`wrote ${file}`);
} catch (e) {
  fail((e as Error).message);
}
