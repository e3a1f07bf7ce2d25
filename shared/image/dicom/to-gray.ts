import type { DataSet } from "dicom-parser";
import { CoreError } from "../../errors.ts";
import type { Gray16Image } from "../gray-image.ts";
import { dicomCorrupt, TAG, type ImageAttributes } from "./dataset.ts";
import type { StoredArray } from "./stored-array.ts";
import { voiTransform, type OutOfWindow, type VoiUsed } from "./voi.ts";

const WHITE = 65535;

/**
 * One gray value per pixel. Colour becomes luminance for the gray pipeline: RGB (and the
 * JPEG 2000 colour transforms YBR_RCT/YBR_ICT, which the codec undoes to RGB) by the ITU-R
 * BT.601 weights Y = 0.299 R + 0.587 G + 0.114 B; YBR_FULL and YBR_FULL_422 already carry
 * that Y as their first sample, which is used as is.
 */
function luminance(values: StoredArray, a: ImageAttributes): StoredArray | Float64Array {
  if (a.samplesPerPixel === 1) return values;
  const n = a.rows * a.columns;
  const out = new Float64Array(n);
  if (a.photometric.startsWith("YBR_FULL")) for (let i = 0; i < n; i++) out[i] = values[3 * i]!;
  else if (a.photometric === "RGB" || a.photometric === "YBR_RCT" || a.photometric === "YBR_ICT") {
    for (let i = 0; i < n; i++)
      out[i] = Math.round(0.299 * values[3 * i]! + 0.587 * values[3 * i + 1]! + 0.114 * values[3 * i + 2]!);
  } else
    throw new CoreError(
      "unsupported-image",
      `DICOM photometric interpretation "${a.photometric}" with 3 samples is not supported`,
    );
  return out;
}

/**
 * Stored values -> 16-bit display values: rescale x = slope * s + intercept (PS3.3 C.11.1.1.2),
 * then the VOI transform (voi.ts) onto 0..65535; MONOCHROME1 is inverted so that bright always
 * means more attenuation. Colour images skip rescale and VOI: their luminance is scaled from
 * 0..2^BitsStored - 1, since they are display images already.
 */
export function storedToGray(
  ds: DataSet,
  a: ImageAttributes,
  values: StoredArray,
  outOfWindow: OutOfWindow = "keep",
): { image: Gray16Image; voi: VoiUsed } {
  const gray = luminance(values, a);
  const n = a.rows * a.columns;
  const data = new Uint16Array(n);
  if (a.samplesPerPixel === 3) {
    const top = 2 ** a.bitsStored - 1;
    for (let i = 0; i < n; i++) data[i] = Math.round((gray[i]! * WHITE) / top);
    return {
      image: { width: a.columns, height: a.rows, bitDepth: 16, data },
      voi: { kind: "min-max", min: 0, max: top },
    };
  }
  if (a.photometric !== "MONOCHROME1" && a.photometric !== "MONOCHROME2") {
    throw new CoreError(
      "unsupported-image",
      `DICOM photometric interpretation "${a.photometric}" is not supported with one sample; only MONOCHROME1/2`,
    );
  }
  const slope = ds.floatString(TAG.rescaleSlope) ?? 1;
  const intercept = ds.floatString(TAG.rescaleIntercept) ?? 0;
  if (!Number.isFinite(slope) || slope === 0 || !Number.isFinite(intercept))
    dicomCorrupt("has an invalid rescale slope/intercept");
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = gray[i]!;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const x0 = slope * min + intercept,
    x1 = slope * max + intercept;
  const { map, used } = voiTransform(ds, Math.min(x0, x1), Math.max(x0, x1), outOfWindow);
  for (let i = 0; i < n; i++) data[i] = map(slope * gray[i]! + intercept);
  if (a.photometric === "MONOCHROME1") for (let i = 0; i < n; i++) data[i] = WHITE - data[i]!;
  return { image: { width: a.columns, height: a.rows, bitDepth: 16, data }, voi: used };
}
