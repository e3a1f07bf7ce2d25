/**
 * Sends texts to POST /v1/classify/{model} the way a client would: batches of at most
 * MAX_TEXTS texts and under the JSON body cap, one request at a time. A text the model
 * refuses (422 with a pointer, e.g. an e-mail with no readable text) is recorded as refused
 * and its batch is resent without it; any other non-200 answer stops the run.
 */
import { MAX_TEXTS } from "../../shared/classify/caps.ts";

export interface ServedPrediction {
  /** Mean member probabilities, in label order. */
  probs: number[];
  epistemic: number;
  total: number;
  abstain: boolean;
}

export type Post = (path: string, body: unknown) => Promise<Response>;

const BODY_BUDGET = 1_000_000; // bytes, under DEFAULT_MAX_JSON_BYTES = 1 MiB with room for the envelope
const encoder = new TextEncoder();

function batches(texts: readonly string[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  texts.forEach((t, i) => {
    const size = encoder.encode(JSON.stringify(t)).length + 1;
    if (current.length === MAX_TEXTS || (current.length > 0 && bytes + size > BODY_BUDGET)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += size;
  });
  if (current.length > 0) out.push(current);
  return out;
}

interface Answer {
  predictions?: {
    probs: Record<string, number>;
    uncertainty: { epistemic: number; total: number };
    abstain: boolean;
  }[];
  errors?: { pointer: string }[];
}

// `wrangler dev` restarts the worker when a watched file changes and answers that request with
// plain text; a client retries it (the other answers are the API's own JSON).
async function answer(post: Post, path: string, body: unknown): Promise<{ res: Response; body: Answer }> {
  for (let attempt = 1; ; attempt++) {
    const res = await post(path, body);
    const text = await res.text();
    try {
      return { res, body: JSON.parse(text) as Answer };
    } catch {
      if (attempt === 3) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
    }
  }
}

export async function classifyAll(
  post: Post,
  model: string,
  labels: readonly string[],
  texts: readonly string[],
): Promise<(ServedPrediction | undefined)[]> {
  const out = new Array<ServedPrediction | undefined>(texts.length);
  const run = async (indices: number[]): Promise<void> => {
    const live = indices.filter((i) => texts[i]!.trim() !== ""); // a client does not send an empty text
    if (live.length === 0) return;
    const { res, body } = await answer(post, `/v1/classify/${model}`, { texts: live.map((i) => texts[i]!) });
    if (res.status === 422 && body.errors?.length) {
      const refused = new Set(body.errors.map((e) => Number(/^\/texts\/(\d+)$/.exec(e.pointer)?.[1] ?? NaN)));
      if ([...refused].some((r) => Number.isNaN(r)))
        throw new Error(`422 without a text pointer: ${JSON.stringify(body)}`);
      return run(live.filter((_, k) => !refused.has(k)));
    }
    if (res.status !== 200 || !body.predictions)
      throw new Error(`POST /v1/classify/${model}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    body.predictions.forEach((p, k) => {
      out[live[k]!] = {
        probs: labels.map((l) => p.probs[l]!),
        epistemic: p.uncertainty.epistemic,
        total: p.uncertainty.total,
        abstain: p.abstain,
      };
    });
  };
  const queue = batches(texts);
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) await run(b);
  };
  await worker();
  return out;
}
