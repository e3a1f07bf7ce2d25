/**
 * HTTP latency of POST /v1/lesions/simulate through wrangler dev (workerd) on a 1024 × 1024
 * 8-bit radiograph: JSON with base64, multipart, and Accept: image/png; and of POST
 * /v1/lesions/detect (multipart) on the same image. Prints JSON.
 */
import { startDevServer } from "./dev-server.ts";
import { measureLatency } from "./http-latency.ts";

const N = Number(process.env.BENCH_REQUESTS ?? 40);

export async function lesionHttpFigures() {
  const server = await startDevServer();
  try {
    const png = new Uint8Array(await (await fetch(`${server.url}/v1/lesions/phantom?seed=1&size=1024`)).arrayBuffer());
    const mask = new Uint8Array(
      await (await fetch(`${server.url}/v1/lesions/phantom?seed=1&size=1024&part=mask`)).arrayBuffer(),
    );
    const body = JSON.stringify({
      image: Buffer.from(png).toString("base64"),
      mask: Buffer.from(mask).toString("base64"),
      seed: 4,
      count: 1,
    });
    const url = `${server.url}/v1/lesions/simulate`;
    const json = await measureLatency(N, () =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body }),
    );
    const pngOnly = await measureLatency(N, () =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "image/png" }, body }),
    );
    const multipart = await measureLatency(N, () => {
      const form = new FormData();
      form.set("image", new Blob([png], { type: "image/png" }));
      form.set("mask", new Blob([mask], { type: "image/png" }));
      form.set("seed", "4");
      return fetch(url, { method: "POST", body: form, headers: { accept: "image/png" } });
    });
    // The detector on the same 1024² radiograph: decode, resize to its input, ensemble, boxes.
    const detect = await measureLatency(N, () => {
      const form = new FormData();
      form.set("image", new Blob([png], { type: "image/png" }));
      return fetch(`${server.url}/v1/lesions/detect`, { method: "POST", body: form });
    });
    return {
      imageSide: 1024,
      requests: N,
      jsonBase64: json,
      jsonAcceptPng: pngOnly,
      multipartAcceptPng: multipart,
      detectMultipart: detect,
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await lesionHttpFigures(), null, 2));
}
