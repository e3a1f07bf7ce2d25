import dicomParser from "dicom-parser";
import type { DataSet, Element } from "dicom-parser";
import { CoreError } from "../../errors.ts";
import { transferSyntax, TRANSFER_SYNTAXES, type TransferSyntax } from "./transfer-syntax.ts";

export const TAG = {
  transferSyntax: "x00020010",
  samplesPerPixel: "x00280002",
  photometric: "x00280004",
  planarConfiguration: "x00280006",
  numberOfFrames: "x00280008",
  rows: "x00280010",
  columns: "x00280011",
  pixelSpacing: "x00280030",
  bitsAllocated: "x00280100",
  bitsStored: "x00280101",
  highBit: "x00280102",
  pixelRepresentation: "x00280103",
  windowCenter: "x00281050",
  windowWidth: "x00281051",
  rescaleIntercept: "x00281052",
  rescaleSlope: "x00281053",
  voiLutFunction: "x00281056",
  voiLutSequence: "x00283010",
  lutDescriptor: "x00283002",
  lutData: "x00283006",
  pixelData: "x7fe00010",
} as const;

export function dicomCorrupt(detail: string): never {
  throw new CoreError("corrupt-image", `DICOM ${detail}`);
}

/** dicom-parser throws strings, Errors, or `{ exception, dataSet }` objects; keep only the text. */
export function guarded<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    if (cause instanceof CoreError) throw cause;
    const inner = (cause as { exception?: unknown } | null)?.exception ?? cause;
    dicomCorrupt(`${what} could not be parsed: ${inner instanceof Error ? inner.message : String(inner)}`);
  }
}

export interface MetaInfo {
  syntax: TransferSyntax;
  /** Byte offset where the data set starts (after the file meta group). */
  dataSetOffset: number;
}

/** Reads the file meta group; refuses (415) a transfer syntax this reader does not decode. */
export function readMeta(bytes: Uint8Array): MetaInfo {
  const meta = guarded("meta header", () => dicomParser.readPart10Header(bytes));
  const uid = meta.string(TAG.transferSyntax)?.replace(/\0/g, "").trim() ?? "";
  if (uid === "") dicomCorrupt("meta header has no Transfer Syntax UID (truncated?)");
  const syntax = transferSyntax(uid);
  if (!syntax) {
    throw new CoreError(
      "unsupported-transfer-syntax",
      `DICOM transfer syntax ${uid} is not supported; supported: ${TRANSFER_SYNTAXES.map((t) => `${t.uid} (${t.name})`).join(", ")}`,
    );
  }
  return { syntax, dataSetOffset: (meta as unknown as { position: number }).position };
}

/**
 * Parses the data set. For the Deflated syntax the caller passes `inflated`, the whole file with
 * the data set already inflated (inflation is asynchronous in workerd: DecompressionStream).
 */
export function parseDataSet(bytes: Uint8Array, meta: MetaInfo, inflated?: Uint8Array): DataSet {
  if (meta.syntax.deflated && !inflated) {
    throw new CoreError(
      "unsupported-transfer-syntax",
      `DICOM transfer syntax ${meta.syntax.uid} (deflated) needs the asynchronous decoder (decodeImageAsync)`,
    );
  }
  return guarded("data set", () => dicomParser.parseDicom(bytes, inflated ? { inflater: () => inflated } : {}));
}

export interface ImageAttributes {
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  /** Planar configuration 1: all of sample 0, then all of sample 1, ... (PS3.3 C.7.6.3.1.3). */
  planar: boolean;
  photometric: string;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  signed: boolean;
  pixelElement: Element;
}

/** The Image Pixel module (PS3.3 C.7.6.3) with its consistency checked. */
export function imageAttributes(ds: DataSet): ImageAttributes {
  const rows = ds.uint16(TAG.rows) ?? 0;
  const columns = ds.uint16(TAG.columns) ?? 0;
  if (!rows || !columns) dicomCorrupt("has no Rows/Columns");
  const framesText = ds.string(TAG.numberOfFrames)?.trim();
  const frames = framesText ? Number(framesText) : 1;
  if (!Number.isInteger(frames) || frames < 1) dicomCorrupt(`has an invalid Number of Frames "${framesText}"`);
  const samplesPerPixel = ds.uint16(TAG.samplesPerPixel) ?? 1;
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new CoreError(
      "unsupported-image",
      `DICOM with ${samplesPerPixel} samples per pixel is not supported; only 1 or 3`,
    );
  }
  const bitsAllocated = ds.uint16(TAG.bitsAllocated) ?? 0;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new CoreError(
      "unsupported-image",
      `DICOM Bits Allocated ${bitsAllocated} is not supported; only 8, 16 or 32`,
    );
  }
  const bitsStored = ds.uint16(TAG.bitsStored) ?? bitsAllocated;
  const highBit = ds.uint16(TAG.highBit) ?? bitsStored - 1;
  if (bitsStored < 1 || highBit + 1 < bitsStored || highBit >= bitsAllocated) {
    dicomCorrupt(`bit layout is inconsistent (allocated ${bitsAllocated}, stored ${bitsStored}, high bit ${highBit})`);
  }
  const pixelElement = ds.elements[TAG.pixelData];
  if (!pixelElement) dicomCorrupt("has no Pixel Data");
  return {
    rows,
    columns,
    frames,
    samplesPerPixel,
    planar: samplesPerPixel > 1 && ds.uint16(TAG.planarConfiguration) === 1,
    photometric: ds.string(TAG.photometric)?.trim() ?? "",
    bitsAllocated,
    bitsStored,
    highBit,
    signed: ds.uint16(TAG.pixelRepresentation) === 1,
    pixelElement,
  };
}
