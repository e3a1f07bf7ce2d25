/**
 * The COCO object-detection format (cocodataset.org/#format-data) as the dataset writer emits it,
 * plus our per-lesion simulation record (theta, params, centre, radius), which COCO readers ignore.
 */
export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
  /** Where the background came from: "phantom" or the background file's name. */
  background: string;
  /** The union lesion mask of this image (255 inside), relative to the data set folder. */
  mask_file: string;
}

/** Uncompressed COCO RLE: run lengths over the mask in column-major order, starting with a 0-run. */
export interface CocoRle {
  size: [number, number];
  counts: number[];
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  /** [x, y, width, height] of the lesion's pixels, tight. */
  bbox: [number, number, number, number];
  area: number;
  iscrowd: 0;
  segmentation: CocoRle;
  simulation: Record<string, unknown>;
}

export interface CocoDataset {
  info: { description: string; version: string; command: string; seed: number };
  licenses: [];
  categories: [{ id: 1; name: "lesion"; supercategory: "opacity" }];
  images: CocoImage[];
  annotations: CocoAnnotation[];
}

export const LESION_CATEGORY = { id: 1, name: "lesion", supercategory: "opacity" } as const;

/** COCO RLE of `inside` (nonzero = in), a width × height row-major mask, read column by column. */
export function encodeRle(inside: Uint8Array, width: number, height: number): CocoRle {
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = inside[y * width + x] !== 0 ? 1 : 0;
      if (v !== current) {
        counts.push(run);
        current = v;
        run = 0;
      }
      run++;
    }
  }
  counts.push(run);
  return { size: [height, width], counts };
}

/** The inverse of encodeRle, for tests and for readers of the data set. */
export function decodeRle(rle: CocoRle): Uint8Array {
  const [height, width] = rle.size;
  const out = new Uint8Array(width * height);
  let k = 0;
  rle.counts.forEach((run, i) => {
    for (let j = 0; j < run; j++, k++) if (i % 2 === 1) out[(k % height) * width + Math.floor(k / height)] = 1;
  });
  return out;
}

/** Tight [x, y, width, height] box and pixel count of a row-major mask; null when empty. */
export function tightBox(
  inside: Uint8Array,
  width: number,
  height: number,
): { bbox: [number, number, number, number]; area: number } | null {
  let [x0, y0, x1, y1, area] = [width, height, -1, -1, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (inside[y * width + x] === 0) continue;
      area++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return area === 0 ? null : { bbox: [x0, y0, x1 - x0 + 1, y1 - y0 + 1], area };
}
