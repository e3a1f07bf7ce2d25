import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { decodeImage } from "../../shared/image/decode-image.ts";
import { maskFromImage, type BinaryMask, type GrayImage } from "../../shared/image/gray-image.ts";
import { UserError } from "../common/cli.ts";

export interface Background {
  /** The file name, shown in the data set's `images[].background`. */
  name: string;
  image: GrayImage;
  /** Lung mask: lesions are placed inside it; without one the darkness test places them. */
  lungMask?: BinaryMask;
}

const IMAGE_EXTENSIONS = new Set([".png", ".dcm", ".dicom"]);

function decodeFile(path: string): GrayImage {
  try {
    return decodeImage(new Uint8Array(readFileSync(path)));
  } catch (e) {
    throw new UserError(`${path}: ${(e as Error).message}`);
  }
}

/**
 * Reads every PNG / DICOM in `dir` (sorted by name, so the order is reproducible) and, with
 * `masksDir`, the mask of the same stem (`NAME.png`, or `NAME_mask.png` as some archives name
 * them). A missing or differently sized mask is an error, not a silent fallback.
 */
export function loadBackgrounds(dir: string, masksDir?: string): Background[] {
  if (!existsSync(dir)) throw new UserError(`--backgrounds ${dir} does not exist`);
  if (masksDir !== undefined && !existsSync(masksDir)) throw new UserError(`--masks ${masksDir} does not exist`);
  const files = readdirSync(dir)
    .filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort();
  if (files.length === 0) throw new UserError(`--backgrounds ${dir} has no .png or .dcm files`);
  return files.map((file) => {
    const image = decodeFile(join(dir, file));
    if (masksDir === undefined) return { name: file, image };
    const stem = basename(file, extname(file));
    const maskPath = [`${stem}.png`, `${stem}_mask.png`].map((m) => join(masksDir, m)).find((p) => existsSync(p));
    if (maskPath === undefined)
      throw new UserError(`${join(masksDir, `${stem}.png`)}: no lung mask for background ${file}`);
    const lungMask = maskFromImage(decodeFile(maskPath));
    if (lungMask.width !== image.width || lungMask.height !== image.height) {
      throw new UserError(
        `${maskPath}: mask is ${lungMask.width}x${lungMask.height} but ${file} is ${image.width}x${image.height}`,
      );
    }
    return { name: file, image, lungMask };
  });
}
