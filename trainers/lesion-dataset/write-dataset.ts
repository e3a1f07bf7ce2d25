import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodePng } from "../../shared/image/png-codec.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { UserError } from "../common/cli.ts";
import { Progress } from "../common/progress.ts";
import type { Background } from "./backgrounds.ts";
import { encodeRle, LESION_CATEGORY, tightBox, type CocoAnnotation, type CocoDataset, type CocoImage } from "./coco.ts";
import { makeSample, prepareBackground, type LesionChoice, type Sample } from "./make-sample.ts";

export interface DatasetOptions {
  out: string;
  n: number;
  seed: number;
  /** Side of every image; null keeps backgrounds at their native size (phantoms are then 1024). */
  size: number | null;
  backgrounds: Background[] | null;
  lesions: LesionChoice;
  /** Refuse to write over an existing annotations.json unless set. */
  force: boolean;
  command: string;
}

/**
 * Image i's generator: seeded from (seed, i) alone, so any image can be regenerated without the
 * ones before it and a run of n + 1 images starts with the same n images.
 */
export function sampleRng(seed: number, i: number) {
  return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
}

function annotate(sample: Sample, imageId: number, firstId: number): CocoAnnotation[] {
  const { width, height } = sample.image;
  const out: CocoAnnotation[] = [];
  for (const { inside, report } of sample.lesions) {
    const box = tightBox(inside, width, height);
    if (box === null) continue; // a lesion whose opacity rounds to nothing has no pixels to label
    const { theta, params, center, radius, peakOpacity, placement } = report;
    out.push({
      id: firstId + out.length,
      image_id: imageId,
      category_id: LESION_CATEGORY.id,
      bbox: box.bbox,
      area: box.area,
      iscrowd: 0,
      segmentation: encodeRle(inside, width, height),
      simulation: { theta: theta ?? null, params, center, radius, peakOpacity, placement },
    });
  }
  return out;
}

/**
 * Writes `images/NNNNNN.png`, `masks/NNNNNN.png` (union lesion mask) and `annotations.json`
 * (COCO, one annotation per lesion with its RLE mask and simulation record) under `out`.
 * Byte-identical for the same options: no timestamps, backgrounds used round-robin in name order.
 */
export function writeDataset(o: DatasetOptions, progress = new Progress("lesion:dataset", o.n)): CocoDataset {
  const annotationsPath = join(o.out, "annotations.json");
  if (existsSync(annotationsPath) && !o.force)
    throw new UserError(`${annotationsPath} exists; pass --force to overwrite`);
  mkdirSync(join(o.out, "images"), { recursive: true });
  mkdirSync(join(o.out, "masks"), { recursive: true });
  const prepared = o.backgrounds?.map((b) => prepareBackground(b, o.size)) ?? null;
  const dataset: CocoDataset = {
    info: {
      description: "Simulated lesions (probable-edge lesion:dataset)",
      version: "1",
      command: o.command,
      seed: o.seed,
    },
    licenses: [],
    categories: [LESION_CATEGORY],
    images: [],
    annotations: [],
  };
  for (let i = 0; i < o.n; i++) {
    const background = prepared ? prepared[i % prepared.length]! : null;
    const sample = makeSample(sampleRng(o.seed, i), background, o.size ?? 1024, o.lesions);
    const stem = String(i).padStart(6, "0");
    const image: CocoImage = {
      id: i + 1,
      file_name: `images/${stem}.png`,
      width: sample.image.width,
      height: sample.image.height,
      background: sample.background,
      mask_file: `masks/${stem}.png`,
    };
    writeFileSync(join(o.out, image.file_name), encodePng(sample.image));
    writeFileSync(join(o.out, image.mask_file), encodePng({ ...sample.mask, bitDepth: 8 }));
    dataset.images.push(image);
    dataset.annotations.push(...annotate(sample, image.id, dataset.annotations.length + 1));
    progress.update(i + 1, `${dataset.annotations.length} lesions`);
  }
  writeFileSync(annotationsPath, `${JSON.stringify(dataset)}\n`);
  return dataset;
}
