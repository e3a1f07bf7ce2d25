/**
 * `npm run bench:classify`: latency of POST /v1/classify/demo-classifier (ONNX Runtime Web in
 * workerd, through `wrangler dev` on a free loopback port) for batch 1 and 16, including the
 * head members and uncertainty; in the same run the same classifier on onnxruntime-node in
 * Node, in-process and behind a bare node:http server; the cold cost of the first request;
 * and the workerd/native ratios. Then a 128-token text through spam-lpft (the transformer) in
 * workerd, and the tokenizer's share of it: workerd freezes its clocks during synchronous code, so
 * the tokenizer is timed in Node (same V8) and divided by the workerd figures; also BERT-base's
 * Hugging Face tokenizer.json (via @huggingface/tokenizers) on a 128-token text and its build time.
 * Bounded: BENCH_N sequential requests per figure (default 400). Prints JSON.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ModelRegistry } from "../shared/artifacts/registry.ts";
import type { Classifier } from "../shared/classify/classifier.ts";
import { classifierLoader } from "../shared/classify/loader.ts";
import { createRng, standardNormal } from "../shared/numeric/rng.ts";
import { directorySource } from "../shared/node/model-source.ts";
import { createNodeSession } from "../shared/node/onnx-session.ts";
import { startDevServer } from "./dev-server.ts";
import { measureLatency, type LatencyFigures } from "./http-latency.ts";
import { bertBaseTokenizer, textOfTokens } from "./text-128.ts";

const N = Number(process.env.BENCH_N ?? 400);
const MODEL = "demo-classifier";
const rng = createRng(1);
const rows = (n: number) => Array.from({ length: n }, () => Array.from({ length: 8 }, () => 2 * standardNormal(rng)));
const batch1 = { inputs: rows(1) };
const batch16 = { inputs: rows(16) };
const batch64 = { inputs: rows(64) }; // the cap: makes the per-row compute visible above HTTP noise
const round = (x: number) => Math.round(x * 100) / 100;

/** In-process latency of an async call, same quantiles as the HTTP figures. */
async function measureCall(n: number, call: () => Promise<unknown>): Promise<LatencyFigures> {
  return measureLatency(
    n,
    async () => {
      await call();
      return new Response("");
    },
    50,
  );
}

async function nodeFigures() {
  const t0 = performance.now();
  const registry = new ModelRegistry(directorySource("models"), { classifier: classifierLoader(createNodeSession) });
  const classifier = (await registry.get(MODEL, "classifier")).compiled;
  const coldMs = performance.now() - t0;
  return {
    runtime: `onnxruntime-node 1.30.0 (native CPU, 1 thread), node ${process.version}`,
    coldLoadMs: round(coldMs),
    inProcess: {
      batch1: await measureCall(N * 5, () => classifier.classify(batch1)),
      batch16: await measureCall(N * 5, () => classifier.classify(batch16)),
      batch64: await measureCall(N * 5, () => classifier.classify(batch64)),
    },
    http: await nodeHttp(classifier),
  };
}

/** The same classifier behind a bare node:http server, so both runtimes pay a loopback round trip. */
async function nodeHttp(classifier: Classifier) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.stringify(await classifier.classify(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const post = (body: unknown) => () =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  try {
    return {
      batch1: await measureLatency(N, post(batch1)),
      batch16: await measureLatency(N, post(batch16)),
      batch64: await measureLatency(N, post(batch64)),
    };
  } finally {
    server.close();
  }
}

async function workerdFigures() {
  const t0 = performance.now();
  const server = await startDevServer();
  const startMs = performance.now() - t0;
  try {
    const post = (body: unknown) => () =>
      fetch(`${server.url}/v1/classify/${MODEL}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const t1 = performance.now();
    const first = await post(batch1)();
    if (!first.ok) throw new Error(`first request failed: ${first.status} ${await first.text()}`);
    await first.arrayBuffer();
    const firstMs = performance.now() - t1;
    return {
      runtime: "onnxruntime-web 1.30.0 wasm (SIMD, 1 thread) in workerd via wrangler dev, HTTP over loopback",
      wranglerDevStartMs: round(startMs),
      firstRequestMs: round(firstMs),
      healthFloor: await measureLatency(N, () => fetch(`${server.url}/v1/health`)),
      batch1: await measureLatency(N, post(batch1)),
      batch16: await measureLatency(N, post(batch16)),
      batch64: await measureLatency(N, post(batch64)),
      peakMemoryMiB: round(server.peakMemoryMiB()),
    };
  } finally {
    await server.stop();
  }
}

const TEXT_MODEL = "spam-lpft";

/** The 128-token text in Node: tokenizer alone (our WordPiece; BERT-base's tokenizer.json) and the whole classify. */
async function nodeText128() {
  const registry = new ModelRegistry(directorySource("models"), { classifier: classifierLoader(createNodeSession) });
  const classifier = (await registry.get(TEXT_MODEL, "classifier")).compiled;
  const tokenizer = classifier.parts.tokenizer!;
  const text = textOfTokens(tokenizer, 128);
  const bert = bertBaseTokenizer();
  const bertText = textOfTokens(bert.tokenizer, 128);
  return {
    text,
    tokens: tokenizer.encodeBatch([text], 128).mask.reduce((a, b) => a + b, 0),
    tokenizeInProcess: await measureCall(N * 5, async () => tokenizer.encodeBatch([text], 128)),
    classifyInProcess: await measureCall(N * 5, () => classifier.classify({ text })),
    bertBaseHfTokenizer: {
      loadMs: round(bert.loadMs),
      tokens: bert.tokenizer.encode(bertText, 128).ids.length,
      tokenizeInProcess: await measureCall(N * 5, async () => bert.tokenizer.encodeBatch([bertText], 128)),
    },
  };
}

async function workerdText128(text: string) {
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
      healthFloor: await measureLatency(N, () => fetch(`${server.url}/v1/health`)),
      text128: await measureLatency(N, post),
    };
  } finally {
    await server.stop();
  }
}

const node = await nodeFigures();
const workerd = await workerdFigures();
const nodeText = await nodeText128();
const workerdText = await workerdText128(nodeText.text);
const tokenizeP50 = nodeText.tokenizeInProcess.p50Ms;
const text128 = {
  model: TEXT_MODEL,
  tokens: nodeText.tokens,
  workerdHttp: workerdText.text128,
  workerdHealthFloor: workerdText.healthFloor,
  nodeTokenizeInProcess: nodeText.tokenizeInProcess,
  nodeClassifyInProcess: nodeText.classifyInProcess,
  bertBaseHfTokenizer: nodeText.bertBaseHfTokenizer,
  ratios: {
    "tokenizer share of workerd classify p50, % (tokenizer timed in Node)": round(
      (100 * tokenizeP50) / workerdText.text128.p50Ms,
    ),
    "tokenizer share of workerd compute estimate (classify − health p50), %": round(
      (100 * tokenizeP50) / Math.max(1e-9, workerdText.text128.p50Ms - workerdText.healthFloor.p50Ms),
    ),
    "tokenizer share of the whole classify, Node in-process, %": round(
      (100 * tokenizeP50) / nodeText.classifyInProcess.p50Ms,
    ),
    "BERT-base tokenizer.json / our WordPiece, 128 tokens, Node": round(
      nodeText.bertBaseHfTokenizer.tokenizeInProcess.p50Ms / tokenizeP50,
    ),
  },
};
const warm1 = workerd.batch1.p50Ms;
console.log(
  JSON.stringify(
    {
      model: MODEL,
      requestsPerFigure: N,
      workerd,
      node,
      ratios: {
        "workerd HTTP p50 / node HTTP p50, batch 1": round(warm1 / node.http.batch1.p50Ms),
        "workerd HTTP p50 / node HTTP p50, batch 16": round(workerd.batch16.p50Ms / node.http.batch16.p50Ms),
        "workerd HTTP p50 / node in-process p50, batch 1": round(warm1 / node.inProcess.batch1.p50Ms),
        "workerd HTTP p50 / node in-process p50, batch 16": round(workerd.batch16.p50Ms / node.inProcess.batch16.p50Ms),
        "workerd classify p50 minus /v1/health p50 (compute estimate), batch 1 ms": round(
          warm1 - workerd.healthFloor.p50Ms,
        ),
        "workerd classify p50 minus /v1/health p50 (compute estimate), batch 16 ms": round(
          workerd.batch16.p50Ms - workerd.healthFloor.p50Ms,
        ),
        "workerd batch 64 − batch 1 p50 per extra row, ms": round((workerd.batch64.p50Ms - warm1) / 63),
        "node HTTP batch 64 − batch 1 p50 per extra row, ms": round(
          (node.http.batch64.p50Ms - node.http.batch1.p50Ms) / 63,
        ),
      },
      coldStartCostMs: {
        workerdFirstRequestMinusWarmP50: round(workerd.firstRequestMs - warm1),
        nodeLoad: node.coldLoadMs,
      },
      targetBatch1P50Under10Ms: warm1 < 10,
      text128,
    },
    null,
    2,
  ),
);
