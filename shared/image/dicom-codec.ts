import dicomParser from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { CoreError } from "../errors.ts";
import { DEFAULT_MAX_PIXELS, type Gray16Image } from "./gray-image.ts";
import { assertPixelCap, type DecodeOptions } from "./png-codec.ts";
import { dicomPixelReader } from "./dicom-pixels.ts";

/** Uncompressed transfer syntaxes (PS3.5 section 10 and annex A): implicit LE, explicit LE, explicit BE. */
export const SUPPORTED_TRANSFER_SYNTAXES = [
  "1.2.840.10008.1.2",
  "1.2.840.10008.1.2.1",
  "1.2.840.10008.1.2.2",
] as const;

const TAG = {
  transferSyntax: "x00020010",
  samplesPerPixel: "x00280002",
  photometric: "x00280004",
  rows: "x00280010",
  columns: "x00280011",
  bitsAllocated: "x00280100",
  bitsStored: "x00280101",
  highBit: "x00280102",
  pixelRepresentation: "x00280103",
  windowCenter: "x00281050",
  windowWidth: "x00281051",
  rescaleIntercept: "x00281052",
  rescaleSlope: "x00281053",
  pixelData: "x7fe00010",
} as const;

const WHITE = 65535;

function unsupported(detail: string): never {
  throw new CoreError("unsupported-image", `DICOM ${detail}`);
}

function corrupt(detail: string): never {
  throw new CoreError("corrupt-image", `DICOM ${detail}`);
}

/** dicom-parser throws strings, Errors, or `{ exception, dataSet }` objects; keep only the text. */
function parse<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    const inner = (cause as { exception?: unknown } | null)?.exception ?? cause;
    corrupt(`${what} could not be parsed: ${inner instanceof Error ? inner.message : String(inner)}`);
  }
}

/**
 * Decodes the first frame of an uncompressed single-channel DICOM Part 10 file.
 *
 * Output: a 16-bit image WINDOWED TO THE FULL RANGE, not the stored values. Stored values s are
 * first rescaled to x = slope * s + intercept (PS3.3 C.11.1.1.2), then mapped to 0..65535 by the
 * file's own VOI window when it has one (Window Center/Width, the linear function of PS3.3
 * C.11.2.1.2.1), else linearly from min(x)..max(x). MONOCHROME1 is then inverted (65535 - y) so
 * that bright always means more attenuation. Full range matters because the lesion compositing
 * pushes pixels toward white = 65535; a 12-bit image kept as is would put lesions far above it.
 */
export function decodeDicom(bytes: Uint8Array, options: DecodeOptions = {}): Gray16Image {
  const meta = parse("meta header", () => dicomParser.readPart10Header(bytes));
  const syntax = meta.string(TAG.transferSyntax)?.replace(/\0/g, "").trim() ?? "";
  if (syntax === "") corrupt("meta header has no Transfer Syntax UID (truncated?)");
  if (!(SUPPORTED_TRANSFER_SYNTAXES as readonly string[]).includes(syntax)) {
    unsupported(`transfer syntax "${syntax}" is not supported; only uncompressed ${SUPPORTED_TRANSFER_SYNTAXES.join(", ")}`);
  }
  const ds: DataSet = parse("data set", () => dicomParser.parseDicom(bytes));
  const rows = ds.uint16(TAG.rows);
  const columns = ds.uint16(TAG.columns);
  if (!rows || !columns) corrupt("has no Rows/Columns");
  assertPixelCap(columns, rows, options.maxPixels ?? DEFAULT_MAX_PIXELS);

  const photometric = ds.string(TAG.photometric)?.trim() ?? "";
  if (photometric !== "MONOCHROME1" && photometric !== "MONOCHROME2") {
    unsupported(`photometric interpretation "${photometric}" is not supported; only MONOCHROME1/2`);
  }
  if ((ds.uint16(TAG.samplesPerPixel) ?? 1) !== 1) unsupported("with more than one sample per pixel is not supported");
  const pixelElement = ds.elements[TAG.pixelData];
  if (!pixelElement) corrupt("has no Pixel Data");
  if (pixelElement.encapsulatedPixelData) unsupported("encapsulated (compressed) pixel data is not supported");

  const reader = dicomPixelReader(ds.byteArray as Uint8Array, pixelElement, {
    pixelCount: rows * columns,
    bitsAllocated: ds.uint16(TAG.bitsAllocated) ?? 0,
    bitsStored: ds.uint16(TAG.bitsStored),
    highBit: ds.uint16(TAG.highBit),
    signed: ds.uint16(TAG.pixelRepresentation) === 1,
    littleEndian: syntax !== "1.2.840.10008.1.2.2",
  });
  const slope = ds.floatString(TAG.rescaleSlope) ?? 1;
  const intercept = ds.floatString(TAG.rescaleIntercept) ?? 0;
  if (!Number.isFinite(slope) || slope === 0 || !Number.isFinite(intercept)) corrupt("has an invalid rescale slope/intercept");

  const n = rows * columns;
  const data = new Uint16Array(n);
  const center = ds.floatString(TAG.windowCenter);
  const width = ds.floatString(TAG.windowWidth);
  if (center !== undefined && width !== undefined && Number.isFinite(center) && width >= 1) {
    // PS3.3 C.11.2.1.2.1: y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 65535, clamped.
    const lo = center - 0.5 - (width - 1) / 2;
    const hi = center - 0.5 + (width - 1) / 2;
    for (let i = 0; i < n; i++) {
      const x = slope * reader(i) + intercept;
      data[i] = x <= lo ? 0 : x > hi ? WHITE : Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * WHITE);
    }
  } else {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = slope * reader(i) + intercept;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const gain = max > min ? WHITE / (max - min) : 0;
    for (let i = 0; i < n; i++) data[i] = Math.round((slope * reader(i) + intercept - min) * gain);
  }
  if (photometric === "MONOCHROME1") for (let i = 0; i < n; i++) data[i] = WHITE - data[i]!;
  return { width: columns, height: rows, bitDepth: 16, data };
}
