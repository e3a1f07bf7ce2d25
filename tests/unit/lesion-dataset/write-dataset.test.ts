import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodePng } from "../../../shared/image/png-codec.ts";
import { UserError } from "../../../trainers/common/cli.ts";
import { loadBackgrounds } from "../../../trainers/lesion-dataset/backgrounds.ts";
import { decodeRle, type CocoDataset } from "../../../trainers/lesion-dataset/coco.ts";
import { makeSample, prepareBackground } from "../../../trainers/lesion-dataset/make-sample.ts";
import { sampleRng, writeDataset, type DatasetOptions } from "../../../trainers/lesion-dataset/write-dataset.ts";

const root = mkdtempSync(join(tmpdir(), "lesion-dataset-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const quiet = { update() {} } as never;

function options(out: string, extra: Partial<DatasetOptions> = {}): DatasetOptions {
  return {
    out: join(root, out),
    n: 3,
    seed: 4,
    size: 64,
    backgrounds: null,
    lesions: { count: 2 },
    force: false,
    command: "test",
    ...extra,
  };
}

const read = (dir: string, file: string) => readFileSync(join(root, dir, file));

describe("lesion:dataset writer", () => {
  const dataset = writeDataset(options("a"), quiet);

  it("is byte-identical for the same options and refuses to overwrite without force", () => {
    writeDataset(options("b"), quiet);
    for (const f of ["annotations.json", "images/000000.png", "images/000002.png", "masks/000001.png"])
      expect(read("b", f).equals(read("a", f))).toBe(true);
    expect(() => writeDataset(options("a"), quiet)).toThrow(UserError);
    expect(() => writeDataset(options("a", { force: true }), quiet)).not.toThrow();
  });

  it("labels every lesion: its RLE mask lies in the image's union mask and its box is tight", () => {
    expect(dataset.images).toHaveLength(3);
    expect(dataset.annotations.length).toBeGreaterThanOrEqual(3);
    const saved = JSON.parse(read("a", "annotations.json").toString()) as CocoDataset;
    expect(saved.annotations.map((a) => a.id)).toEqual(saved.annotations.map((_, i) => i + 1));
    for (const a of saved.annotations) {
      const image = saved.images.find((im) => im.id === a.image_id)!;
      const union = decodePng(read("a", image.mask_file)).data;
      const inside = decodeRle(a.segmentation);
      let area = 0;
      let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
      inside.forEach((v, i) => {
        if (!v) return;
        area++;
        expect(union[i]).toBe(255);
        const [x, y] = [i % image.width, Math.floor(i / image.width)];
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      });
      expect(a.area).toBe(area);
      expect(a.bbox).toEqual([x0, y0, x1 - x0 + 1, y1 - y0 + 1]);
      expect((a.simulation.theta as number[]).length).toBe(5);
    }
  });

  it("regenerates any one image from (seed, index) alone", () => {
    const again = makeSample(sampleRng(4, 2), null, 64, { count: 2 });
    expect(Buffer.from(decodePng(read("a", "images/000002.png")).data).equals(Buffer.from(again.image.data))).toBe(
      true,
    );
  });

  const cxr = resolve("../shared/data/cxr");
  it.skipIf(!existsSync(cxr))(
    "places lesions inside the lung masks of real radiographs (../shared/data/cxr; skipped when absent)",
    () => {
      const backgrounds = loadBackgrounds(join(cxr, "images"), join(cxr, "masks"));
      expect(backgrounds).toHaveLength(8);
      const prepared = prepareBackground(backgrounds[5]!, 96);
      const sample = makeSample(sampleRng(1, 0), prepared, 96, { preset: "moderate", count: 1 });
      expect(sample.background).toBe(backgrounds[5]!.name);
      const [cx, cy] = sample.lesions[0]!.report.center;
      expect(prepared.lungMask!.data[cy * 96 + cx]).toBe(255);
    },
  );

  it("names a background without a mask", () => {
    expect(() => loadBackgrounds(root, root)).toThrow(/no \.png or \.dcm|no lung mask/);
  });
});
