/**
 * 1024 x 1024 16-bit compressed DICOM -> simulate -> DICOM through wrangler dev (workerd): the
 * phantom (16-bit) as RLE Lossless and as uncompressed Explicit VR LE (the ratio's other side),
 * POSTed as JSON base64 with its lung mask, Accept: application/dicom (and image/png for
 * comparison). p50/p99 over BENCH_REQUESTS (default 20) sequential requests; workerd peak RSS.
 *   npx tsx bench/dicom-1024-http.ts
 */
import { renderPhantom } from "../shared/lesion/phantom.ts";
import { encodePng } from "../shared/image/png-codec.ts";
import { createRng } from "../shared/numeric/rng.ts";
import { startDevServer } from "./dev-server.ts";
import { measureLatency } from "./http-latency.ts";
import { rleDicom } from "./rle-dicom.ts";

const N = Number(process.env.BENCH_REQUESTS ?? 20);
const phantom = renderPhantom(createRng(1), 1024, 16);
const data = phantom.image.data as Uint16Array;
const rle = rleDicom(1024, 1024, data);
const native = rleDicom(1024, 1024, data, false);
const mask = Buffer.from(encodePng({ width: 1024, height: 1024, bitDepth: 8, data: phantom.lungMask.data })).toString(
  "base64",
);

const server = await startDevServer();
try {
  const url = `${server.url}/v1/lesions/simulate`;
  const send = (bytes: Uint8Array, accept: string) => {
    const body = JSON.stringify({ image: Buffer.from(bytes).toString("base64"), mask, seed: 4, count: 1 });
    return () => fetch(url, { method: "POST", headers: { "content-type": "application/json", accept }, body });
  };
  const rleToDicom = await measureLatency(N, send(rle, "application/dicom"));
  const nativeToDicom = await measureLatency(N, send(native, "application/dicom"));
  const rleToPng = await measureLatency(N, send(rle, "image/png"));
  console.log(
    JSON.stringify(
      {
        side: 1024,
        requests: N,
        uploadKiB: { rle: Math.round(rle.length / 1024), native: Math.round(native.length / 1024) },
        rleToDicom,
        nativeToDicom,
        rleToPng,
        ratioRleOverNativeP50: Math.round((rleToDicom.p50Ms / nativeToDicom.p50Ms) * 100) / 100,
        workerdPeakMemoryMiB: Math.round(server.peakMemoryMiB()),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
