import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../shared/encoding/base64.ts";
import { decodePng, encodePng } from "../../shared/image/png-codec.ts";
import { json, problemOf } from "./fixtures.ts";

const SIMULATE = "http://api/v1/lesions/simulate";

async function phantomPng(size = 128, part = "image"): Promise<Uint8Array> {
  const res = await SELF.fetch(`http://api/v1/lesions/phantom?seed=3&size=${size}&part=${part}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  return new Uint8Array(await res.arrayBuffer());
}

async function simulate(body: unknown) {
  const res = await SELF.fetch(SIMULATE, json(body));
  return { res, body: res.status === 200 ? ((await res.json()) as Record<string, any>) : await problemOf(res) };
}

/** A PNG whose IHDR declares `width × height` but carries no pixel data (a decompression bomb's header). */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const real = encodePng({ width: 1, height: 1, bitDepth: 8, data: new Uint8Array(1) });
  const bytes = real.slice();
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
}

describe("POST /v1/lesions/simulate", () => {
  it("simulates on the phantom with a seed and returns image, mask and tight boxes", async () => {
    const { res, body } = await simulate({ size: 128, seed: 11, count: 2, preset: "obvious" });
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      width: 128,
      height: 128,
      bitDepth: 8,
      seed: 11,
      model: "attenuation",
      background: "phantom",
    });
    expect(body.lesions).toHaveLength(2);
    const mask = decodePng(decodeBase64(body.mask, "/mask"));
    const boxes = body.lesions.map((l: { bbox: number[] }) => l.bbox) as number[][];
    const inBox = (i: number) =>
      boxes.some(
        ([x, y, w, h]) =>
          i % 128 >= x! && i % 128 < x! + w! && Math.floor(i / 128) >= y! && Math.floor(i / 128) < y! + h!,
      );
    let lesionPixels = 0;
    mask.data.forEach((v, i) => {
      if (v === 255) {
        lesionPixels++;
        expect(inBox(i)).toBe(true);
      }
    });
    expect(lesionPixels).toBeGreaterThan(0);
  });

  it("uses the phantom GET /v1/lesions/phantom serves for the same seed as its background", async () => {
    const { body } = await simulate({ size: 64, seed: 3, count: 1 });
    const background = decodePng(await phantomPng(64));
    const out = decodePng(decodeBase64(body.image, "/image")).data;
    const lesion = decodePng(decodeBase64(body.mask, "/mask")).data;
    let same = 0;
    for (let i = 0; i < out.length; i++) if (lesion[i] === 0 && out[i] === background.data[i]) same++;
    expect(same).toBe(lesion.filter((v) => v === 0).length);
  });

  it("is byte-identical for the same input and seed", async () => {
    const a = await simulate({ size: 96, seed: 5, model: "beer-lambert" });
    const b = await simulate({ size: 96, seed: 5, model: "beer-lambert" });
    expect(a.body.image).toBe(b.body.image);
    expect(a.body.model).toBe("beer-lambert");
  });

  it("composites onto an uploaded 8-bit PNG with its lung mask, leaving pixels outside the mask untouched", async () => {
    const image = await phantomPng();
    const mask = await phantomPng(128, "mask");
    const { res, body } = await simulate({ image: encodeBase64(image), mask: encodeBase64(mask), seed: 2, count: 1 });
    expect(res.status).toBe(200);
    expect(body.background).toBe("upload");
    const before = decodePng(image).data;
    const after = decodePng(decodeBase64(body.image, "/image")).data;
    const lung = decodePng(mask).data;
    for (let i = 0; i < before.length; i++) if (lung[i] === 0) expect(after[i]).toBe(before[i]);
    expect(body.lesions[0].placement).toBe("mask");
  });

  it("keeps a 16-bit PNG 16-bit", async () => {
    const data = new Uint16Array(64 * 64).fill(12_000);
    const png = encodePng({ width: 64, height: 64, bitDepth: 16, data });
    const { res, body } = await simulate({ image: encodeBase64(png), seed: 1, count: 1 });
    expect(res.status).toBe(200);
    expect(body.bitDepth).toBe(16);
    expect(decodePng(decodeBase64(body.image, "/image")).bitDepth).toBe(16);
  });

  it("accepts multipart/form-data and answers Accept: image/png with boxes in X-Lesions", async () => {
    const form = new FormData();
    form.set("image", new Blob([await phantomPng()], { type: "image/png" }), "cxr.png");
    form.set("seed", "9");
    form.set("theta", "[0.5, 0.5, 0.5, 0.9, 0.3]");
    const res = await SELF.fetch(SIMULATE, { method: "POST", body: form, headers: { accept: "image/png" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-seed")).toBe("9");
    const lesions = JSON.parse(res.headers.get("x-lesions")!) as { bbox: number[] }[];
    expect(lesions[0]!.bbox).toHaveLength(4);
    expect(decodePng(new Uint8Array(await res.arrayBuffer())).width).toBe(128);
  });

  it("returns 422 not-an-image, corrupt-image and mask-size-mismatch, naming the field", async () => {
    const image = await phantomPng();
    const notImage = await simulate({ image: encodeBase64(new TextEncoder().encode("hello world")) });
    expect(notImage.res.status).toBe(422);
    expect(notImage.body).toMatchObject({ code: "not-an-image", errors: [{ pointer: "/image" }] });
    const truncated = await simulate({ image: encodeBase64(image.subarray(0, image.length >> 1)) });
    expect(truncated.res.status).toBe(422);
    expect(truncated.body.code).toBe("corrupt-image");
    const mismatch = await simulate({ image: encodeBase64(image), mask: encodeBase64(await phantomPng(64, "mask")) });
    expect(mismatch.res.status).toBe(422);
    expect(mismatch.body.code).toBe("mask-size-mismatch");
  });

  it("returns 422 no-room-for-lesion for an empty mask", async () => {
    const empty = encodePng({ width: 128, height: 128, bitDepth: 8, data: new Uint8Array(128 * 128) });
    const { res, body } = await simulate({
      image: encodeBase64(await phantomPng()),
      mask: encodeBase64(empty),
      seed: 1,
    });
    expect(res.status).toBe(422);
    expect(body.code).toBe("no-room-for-lesion");
  });

  it("returns 413 for a PNG header declaring more than the pixel cap, before decoding", async () => {
    const { res, body } = await simulate({ image: encodeBase64(pngHeaderOnly(100_000, 100_000)) });
    expect(res.status).toBe(413);
    expect(body.code).toBe("image-too-large");
  });

  it("returns 422 with pointers for out-of-range theta and for bad base64", async () => {
    const theta = await simulate({ theta: [0.5, 0.5, 2, 0.5, 0.5] });
    expect(theta.res.status).toBe(422);
    expect(theta.body.errors).toContainEqual(expect.objectContaining({ pointer: "/theta/2" }));
    const b64 = await simulate({ image: "***" });
    expect(b64.res.status).toBe(422);
    expect(b64.body.errors).toContainEqual(expect.objectContaining({ pointer: "/image" }));
  });
});

describe("GET /v1/lesions/phantom", () => {
  it("returns the same PNG for the same seed, and both parts as JSON on request", async () => {
    expect(await phantomPng(64)).toEqual(await phantomPng(64));
    const res = await SELF.fetch("http://api/v1/lesions/phantom?seed=3&size=64", {
      headers: { accept: "application/json" },
    });
    const body = (await res.json()) as { image: string; mask: string; seed: number };
    expect(body.seed).toBe(3);
    expect(decodePng(decodeBase64(body.mask, "/mask")).width).toBe(64);
  });

  it("returns 422 for a size outside the range", async () => {
    const res = await SELF.fetch("http://api/v1/lesions/phantom?size=10");
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors).toContainEqual(expect.objectContaining({ pointer: "/query/size" }));
  });
});
