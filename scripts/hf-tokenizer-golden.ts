/** `npx tsx scripts/hf-tokenizer-golden.ts` rewrites tests/worker/golden/hf-tokenizer-ids.json (see tests/unit/hf/worker-golden.ts). */
import { writeFileSync } from "node:fs";
import { workerGolden } from "../tests/unit/hf/worker-golden.ts";

writeFileSync("tests/worker/golden/hf-tokenizer-ids.json", JSON.stringify(await workerGolden()) + "\n");
console.log("wrote tests/worker/golden/hf-tokenizer-ids.json");
