/**
 * `npm run bench:png`: POST /v1/lesions/simulate on a 1024² phantom with Accept: image/png
 * through wrangler dev (workerd), with PNGs deflated by fast-png's JavaScript (PNG_ENCODER=js,
 * the encoder before issue 16) and by native zlib (CompressionStream, the default), one server
 * after the other in one run. Prints p50/p99, the Server-Timing encode stage, sizes and ratios.
 */
import { startDevServer } from "./dev-server.ts";
import { measureLatency } from "./http-latency.ts";

const N = Number(process.env.BENCH_REQUESTS ?? 30);
const BODY = JSON.stringify({ seed: 4, count: 1, size: 1024 });

function stageMs(serverTiming: string | null, stage: string): number {
  const match = new RegExp(`${stage};dur=([0-9.]+)`).exec(serverTiming ?? "");
  return match ? Number(match[1]) : NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function figures(encoder: "js" | "native") {
  const server = await startDevServer(encoder === "js" ? { PNG_ENCODER: "js" } : {});
  try {
    const send = () =>
      fetch(`${server.url}/v1/lesions/simulate`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "image/png" },
        body: BODY,
      });
    const latency = await measureLatency(N, send);
    const encodeMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      const res = await send();
      bytes = (await res.arrayBuffer()).byteLength;
      encodeMs.push(stageMs(res.headers.get("server-timing"), "encode"));
    }
    return { encoder, ...latency, encodeStageP50Ms: median(encodeMs), pngBytes: bytes };
  } finally {
    await server.stop();
  }
}

const before = await figures("js");
const after = await figures("native");
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(
  JSON.stringify(
    {
      request: "POST /v1/lesions/simulate {seed: 4, count: 1, size: 1024}, Accept: image/png",
      before,
      after,
      p50Ratio: ratio(before.p50Ms, after.p50Ms),
      encodeStageRatio: ratio(before.encodeStageP50Ms, after.encodeStageP50Ms),
      targetP50Ms: 40,
      meetsTarget: after.p50Ms < 40,
    },
    null,
    2,
  ),
);
