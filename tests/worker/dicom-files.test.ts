import { SELF } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { DICOM_FILE_OUTCOMES } from "../unit/image/dicom-file-outcomes.ts";
import { json, problemOf } from "./fixtures.ts";

const files = inject("dicomFiles");
const present = Object.keys(files).length > 0;
const PROBLEM_STATUS: Record<string, number> = {
  "corrupt-image": 422,
  "unsupported-transfer-syntax": 415,
  "invalid-input": 422,
};

async function simulate(image: string, extra: Record<string, unknown> = {}) {
  const res = await SELF.fetch("http://api/v1/lesions/simulate", json({ image, seed: 4, count: 1, ...extra }));
  return { res, body: res.status === 200 ? ((await res.json()) as Record<string, any>) : await problemOf(res) };
}

describe.skipIf(!present)("real DICOM files through workerd (../shared/data/dicom; skipped when absent)", () => {
  it("has every file the outcome table names", () => {
    expect(Object.keys(files).sort()).toEqual(Object.keys(DICOM_FILE_OUTCOMES).sort());
  });

  // Decoding outcomes as in the unit suite, except that rtdose.dcm decodes to a 10 x 10 dose grid,
  // below the simulator's 16 px minimum side: a 422 at /image after a successful decode.
  const outcomes = { ...DICOM_FILE_OUTCOMES, "rtdose.dcm": "invalid-input" };

  it.each(Object.entries(outcomes))("%s -> %s", async (name, outcome) => {
    const { res, body } = await simulate(files[name]!);
    if (outcome === "decoded") {
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body.bitDepth).toBe(16);
    } else {
      expect(res.status).toBe(PROBLEM_STATUS[outcome]);
      expect(body.code).toBe(outcome);
    }
  });

  it("JPEG-LS and JPEG 2000 lossless give the same composite as the uncompressed MR_small (wasm codecs in workerd)", async () => {
    const reference = await simulate(files["MR_small.dcm"]!);
    for (const name of [
      "MR_small_jpeg_ls_lossless.dcm",
      "MR_small_jp2klossless.dcm",
      "MR_small_RLE.dcm",
      "MR_small_bigendian.dcm",
    ]) {
      const { body } = await simulate(files[name]!);
      expect(body.image, name).toBe(reference.body.image);
    }
  });

  it("decodes the last frame of the multi-frame rtdose.dcm and refuses one past the end with 422 at /frame", async () => {
    const last = await simulate(files["rtdose.dcm"]!, { frame: 14 });
    expect(last.body.errors?.[0]?.pointer).toBe("/image"); // decoded; only too small to simulate on
    expect(last.body.detail).toContain("at least 16 px");
    const past = await simulate(files["rtdose.dcm"]!, { frame: 15 });
    expect(past.res.status).toBe(422);
    expect(past.body.errors?.[0]?.pointer).toBe("/frame");
  });
});
