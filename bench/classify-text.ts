/** The 128-token text part of `npm run bench:classify` (bench/classify.ts): spam-lpft in Node and in workerd. */
import { ModelRegistry } from "../shared/artifacts/registry.ts";
import { classifierLoader } from "../shared/classify/loader.ts";
import { directorySource } from "../shared/node/model-source.ts";
import { createNodeSession } from "../shared/node/onnx-session.ts";
import { startDevServer } from "./dev-server.ts";
import { measureCall, measureLatency } from "./http-latency.ts";
import { bertBaseTokenizer, textOfTokens } from "./text-128.ts";

const round = (x: number) => Math.round(x * 100) / 100;

export const TEXT_MODEL = "spam-lpft";

/** The 128-token text in Node: tokenizer alone (our WordPiece; BERT-base's tokenizer.json) and the whole classify. */
export async function nodeText128(n: number) {
  const registry = new ModelRegistry(directorySource("models"), { classifier: classifierLoader(createNodeSession) });
  const classifier = (await registry.get(TEXT_MODEL, "classifier")).compiled;
  const tokenizer = classifier.parts.tokenizer!;
  const text = textOfTokens(tokenizer, 128);
  const bert = bertBaseTokenizer();
  const bertText = textOfTokens(bert.tokenizer, 128);
  return {
    text,
    tokens: tokenizer.encodeBatch([text], 128).mask.reduce((a, b) => a + b, 0),
    tokenizeInProcess: await measureCall(n * 5, async () => tokenizer.encodeBatch([text], 128)),
    classifyInProcess: await measureCall(n * 5, () => classifier.classify({ text })),
    bertBaseHfTokenizer: {
      loadMs: round(bert.loadMs),
      tokens: bert.tokenizer.encode(bertText, 128).ids.length,
      tokenizeInProcess: await measureCall(n * 5, async () => bert.tokenizer.encodeBatch([bertText], 128)),
    },
  };
}

export async function workerdText128(n: number, text: string) {
  const server = await startDevServer();
  try {
    const post = () =>
      fetch(`${server.url}/v1/classify/${TEXT_MODEL}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      });
    const first = await post();
    if (!first.ok) throw new Error(`first request failed: ${first.status} ${await first.text()}`);
    await first.arrayBuffer();
    return {
      healthFloor: await measureLatency(n, () => fetch(`${server.url}/v1/health`)),
      text128: await measureLatency(n, post),
    };
  } finally {
    await server.stop();
  }
}
