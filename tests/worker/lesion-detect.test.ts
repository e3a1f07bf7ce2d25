import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../shared/encoding/base64.ts";
import { decodePng } from "../../shared/image/png-codec.ts";
import { json, problemOf } from "./fixtures.ts";

const DETECT = "http://api/v1/lesions/detect";
type Box = [number, number, number, number];

/** A phantom with one obvious lesion (the paper's compositing, as the detector was trained on) and its box. */
async function simulated(seed: number, size = 512): Promise<{ png: Uint8Array; box: Box }> {
  const res = await SELF.fetch(
    "http://api/v1/lesions/simulate",
    json({ size, seed, count: 1, preset: "obvious", model: "linear" }),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { image: string; lesions: { bbox: Box }[] };
  return { png: decodeBase64(body.image, "/image"), box: body.lesions[0]!.bbox };
}

function dice(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  return (2 * ix * iy) / (a[2] * a[3] + b[2] * b[3]);
}

async function detect(body: unknown) {
  const res = await SELF.fetch(DETECT, json(body));
  return { res, body: res.status === 200 ? ((await res.json()) as Record<string, any>) : await problemOf(res) };
}

describe("POST /v1/lesions/detect", () => {
  it("finds an obvious simulated lesion on a phantom, with calibrated confidences and member spread", async () => {
    let found = 0;
    for (const seed of [1, 2, 3, 4]) {
      const { png, box } = await simulated(seed);
      const { res, body } = await detect({ image: encodeBase64(png), minConfidence: 0 });
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ model: "lesion-detector", width: 512, height: 512 });
      for (const l of body.lesions as {
        bbox: Box;
        confidence: number;
        epistemic: { std: number; mutualInformation: number };
      }[]) {
        expect(l.confidence).toBeGreaterThanOrEqual(0);
        expect(l.confidence).toBeLessThanOrEqual(1);
        expect(l.epistemic.std).toBeGreaterThanOrEqual(0);
        expect(l.bbox[0] + l.bbox[2]).toBeLessThanOrEqual(512);
      }
      const confidences = body.lesions.map((l: { confidence: number }) => l.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      if (body.lesions.length > 0 && dice(body.lesions[0].bbox, box) >= 0.2) found++;
    }
    expect(found).toBeGreaterThanOrEqual(2); // the most confident box hits the lesion on most seeds
  }, 120_000);

  it("answers a multipart upload as it answers JSON, and returns the heatmap on request", async () => {
    const { png } = await simulated(5, 256);
    const viaJson = await detect({ image: encodeBase64(png), minConfidence: 0.1, heatmap: true });
    const form = new FormData();
    form.append("image", new Blob([png as Uint8Array<ArrayBuffer>], { type: "image/png" }), "cxr.png");
    form.append("minConfidence", "0.1");
    form.append("heatmap", "true");
    const res = await SELF.fetch(DETECT, { method: "POST", body: form });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual(viaJson.body);
    const heat = decodePng(decodeBase64(viaJson.body.heatmap.png, "/heatmap"));
    expect([heat.width, heat.height]).toEqual([viaJson.body.heatmap.side, viaJson.body.heatmap.side]);
  });

  it("refuses bad input with problem+json", async () => {
    const { png } = await simulated(6, 128);
    expect((await detect({})).res.status).toBe(422);
    expect((await detect({ image: encodeBase64(png), minConfidence: 2 })).res.status).toBe(422);
    expect((await detect({ image: encodeBase64(new Uint8Array([1, 2, 3, 4])) })).res.status).toBe(422);
    expect((await detect({ image: encodeBase64(png), model: "nltcs" })).res.status).toBe(404);
    expect((await detect({ image: encodeBase64(png), model: "no-such-model" })).res.status).toBe(404);
    const other = await SELF.fetch("http://api/v1/lesions/phantom?seed=1&size=64&part=mask");
    const mismatch = await detect({
      image: encodeBase64(png),
      mask: encodeBase64(new Uint8Array(await other.arrayBuffer())),
    });
    expect(mismatch.res.status).toBe(422);
    expect(mismatch.body.type).toMatch(/mask-size-mismatch/);
  });
});
