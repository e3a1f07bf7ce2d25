/**
 * DICOM input through wrangler dev (workerd): for each transfer syntax in ../shared/data/dicom,
 * the first request (for JPEG-LS / JPEG 2000 this includes starting the wasm codec in the
 * isolate: the codec's cold start) and the p50 of warm POST /v1/lesions/simulate requests
 * (Accept: image/png), with the uncompressed file of the same image as the ratio's other side.
 * Also the bundle's codec payload sizes and workerd's peak resident memory. Prints JSON.
 *   npx tsx bench/dicom-http.ts        (BENCH_REQUESTS=20 by default)
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { startDevServer } from "./dev-server.ts";
import { measureLatency } from "./http-latency.ts";

const N = Number(process.env.BENCH_REQUESTS ?? 20);
const DIR = resolve(import.meta.dirname, "../../shared/data/dicom");
const require = createRequire(import.meta.url);
const kib = (path: string) => Math.round(statSync(require.resolve(path)).size / 1024);

// Pairs: compressed file, and the uncompressed (or other) file of the same image.
const CASES: [string, string][] = [
  ["MR_small_RLE.dcm", "MR_small.dcm"],
  ["MR_small_jpeg_ls_lossless.dcm", "MR_small.dcm"],
  ["MR_small_jp2klossless.dcm", "MR_small.dcm"],
  ["JPEG2000.dcm", "JPGExtended.dcm"],
  ["JPGExtended.dcm", "JPEG2000.dcm"],
  ["image_dfl.dcm", "image_dfl.dcm"],
];

const server = await startDevServer();
try {
  const url = `${server.url}/v1/lesions/simulate`;
  const send = (name: string) => () =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "image/png" },
      body: JSON.stringify({ image: readFileSync(resolve(DIR, name)).toString("base64"), seed: 3, count: 1 }),
    });
  const warmupRes = await send("MR_small.dcm")(); // isolate start, outside the codec figures
  await warmupRes.arrayBuffer();
  const rows = [];
  for (const [file, reference] of CASES) {
    const t0 = performance.now();
    const first = await send(file)();
    await first.arrayBuffer();
    const firstMs = Math.round((performance.now() - t0) * 10) / 10;
    const warm = await measureLatency(N, send(file));
    const ref = await measureLatency(N, send(reference));
    rows.push({
      file,
      status: first.status,
      firstRequestMs: firstMs,
      p50Ms: warm.p50Ms,
      reference,
      referenceP50Ms: ref.p50Ms,
      ratio: Math.round((warm.p50Ms / ref.p50Ms) * 100) / 100,
    });
  }
  console.log(
    JSON.stringify(
      {
        requests: N,
        rows,
        wasmKiB: {
          charlsDecode: kib("@cornerstonejs/codec-charls/decodewasm"),
          openjpegDecode: kib("@cornerstonejs/codec-openjpeg/decodewasm"),
        },
        gluejsKiB: {
          charlsDecode: kib("@cornerstonejs/codec-charls/decodewasmjs"),
          openjpegDecode: kib("@cornerstonejs/codec-openjpeg/decodewasmjs"),
        },
        workerdPeakMemoryMiB: server.peakMemoryMiB(),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
