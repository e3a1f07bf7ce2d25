import { basename, dirname } from "node:path";
import { AutoTokenizer, env } from "@huggingface/transformers";
import { WORKER_TEXTS } from "./odd-texts.ts";
import { thirdPartyTokenizers } from "./third-party-tokenizers.ts";

/**
 * The golden ids tests/worker/hf-tokenizer.test.ts checks inside workerd: transformers.js
 * 4.3.2's untruncated input_ids of WORKER_TEXTS for the three tokenizers, from local files.
 * Written by `npx tsx scripts/hf-tokenizer-golden.ts`; tests/unit/hf/tokenizer-parity.test.ts
 * recomputes it, so it cannot go stale.
 */

export interface WorkerGolden {
  source: string;
  ids: Record<string, number[][]>;
}

export async function workerGolden(): Promise<WorkerGolden> {
  env.allowRemoteModels = false;
  const ids: Record<string, number[][]> = {};
  for (const { name, dir } of thirdPartyTokenizers()) {
    env.localModelPath = dirname(dir) + "/";
    const tok = (await AutoTokenizer.from_pretrained(basename(dir), { local_files_only: true })) as unknown as (
      t: string,
      o: object,
    ) => { input_ids: number[] };
    ids[name] = WORKER_TEXTS.map((t) => tok(t, { return_tensor: false }).input_ids);
  }
  return {
    source:
      "@huggingface/transformers 4.3.2 AutoTokenizer, local files (env.allowRemoteModels = false), untruncated input_ids",
    ids,
  };
}
