import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CoreError } from "../../../shared/errors.ts";
import { decodeDicomAsync, readDicomFrame } from "../../../shared/image/dicom-codec.ts";
import { DICOM_FILE_OUTCOMES } from "./dicom-file-outcomes.ts";

// Real files from pydicom's test set live outside the repo (../shared/data/dicom, see its
// SOURCE.md); they are read in place and never copied.
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const dir = resolve(repoRoot, "../shared/data/dicom");
const exists = existsSync(resolve(dir, "MR_small.dcm"));
const read = (name: string) => new Uint8Array(readFileSync(resolve(dir, name)));

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    return e instanceof CoreError ? e.code : `raw ${(e as Error).message}`;
  }
  return "decoded";
}

describe.skipIf(!exists)("real DICOM files (../shared/data/dicom; skipped when that folder is absent)", () => {
  const lossless = [
    "MR_small_implicit.dcm",
    "MR_small_bigendian.dcm",
    "MR_small_RLE.dcm",
    "MR_small_jpeg_ls_lossless.dcm",
    "MR_small_jp2klossless.dcm",
  ];

  it.each(lossless)("%s decodes to exactly the stored values of MR_small.dcm", async (name) => {
    const reference = await readDicomFrame(read("MR_small.dcm"));
    const frame = await readDicomFrame(read(name));
    expect(reference.values.length).toBe(64 * 64);
    expect(frame.attributes.rows).toBe(64);
    expect(Array.from(frame.values)).toEqual(Array.from(reference.values));
    // and therefore to the same display image
    expect(Array.from((await decodeDicomAsync(read(name))).data)).toEqual(
      Array.from((await decodeDicomAsync(read("MR_small.dcm"))).data),
    );
  });

  it.each(Object.entries(DICOM_FILE_OUTCOMES))("%s: %s", async (name, outcome) => {
    expect(await codeOf(() => decodeDicomAsync(read(name)))).toBe(outcome);
  });

  it("reads every frame of the multi-frame rtdose.dcm and refuses a frame past the end", async () => {
    const bytes = read("rtdose.dcm");
    const frames = await Promise.all(Array.from({ length: 15 }, (_, k) => readDicomFrame(bytes, { frame: k })));
    expect(new Set(frames.map((f) => f.values.join(","))).size).toBeGreaterThan(1);
    expect(await codeOf(() => readDicomFrame(bytes, { frame: 15 }))).toBe("invalid-input");
  });

  it("decodes 12-bit JPEG Extended close to the JPEG 2000 copy of the same NM image", async () => {
    const jpeg = await readDicomFrame(read("JPGExtended.dcm"));
    const j2k = await readDicomFrame(read("JPEG2000.dcm"));
    expect(jpeg.values.length).toBe(j2k.values.length);
    let err = 0;
    let max = 0;
    for (let i = 0; i < jpeg.values.length; i++) {
      err += Math.abs(jpeg.values[i]! - j2k.values[i]!);
      max = Math.max(max, j2k.values[i]!);
    }
    // both lossy (measured: mean |difference| 4.2 on a 0..264 range); an IDCT or Huffman bug gives tens
    expect(max).toBeGreaterThan(100);
    expect(err / jpeg.values.length).toBeLessThan(0.03 * max);
  });

  it("RGB RLE and baseline JPEG secondary captures give the same luminance within JPEG loss", async () => {
    const rle = await decodeDicomAsync(read("SC_rgb_rle.dcm"));
    const jpeg = await decodeDicomAsync(read("SC_rgb_jpeg_dcmtk.dcm"));
    let err = 0;
    for (let i = 0; i < rle.data.length; i++) err += Math.abs(rle.data[i]! - jpeg.data[i]!);
    expect(err / rle.data.length).toBeLessThan(0.03 * 65535);
  });
});
