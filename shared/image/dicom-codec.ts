import { DEFAULT_MAX_PIXELS, type Gray16Image } from "./gray-image.ts";
import { assertPixelCap, type DecodeOptions } from "./png-codec.ts";
import { imageAttributes, parseDataSet, readMeta, type ImageAttributes } from "./dicom/dataset.ts";
import { decodeFrameValues } from "./dicom/frame-values.ts";
import { checkFrame } from "./dicom/frames.ts";
import { inflateDataSet } from "./dicom/inflate.ts";
import type { StoredArray } from "./dicom/stored-array.ts";
import { storedToGray } from "./dicom/to-gray.ts";
import type { TransferSyntax } from "./dicom/transfer-syntax.ts";
import type { OutOfWindow, VoiUsed } from "./dicom/voi.ts";
import { wasmDecoder, type WasmDecoder } from "./dicom/wasm-codecs.ts";
import type { DataSet } from "dicom-parser";

export { TRANSFER_SYNTAXES } from "./dicom/transfer-syntax.ts";

export interface DicomDecodeOptions extends DecodeOptions {
  /** 0-based frame of a multi-frame object (default 0). */
  frame?: number;
  /** Values outside a linear VOI window: kept in reserved tails (default) or clipped (dicom/voi.ts). */
  outOfWindow?: OutOfWindow;
}

/** One frame's stored values (samples interleaved per pixel) with what is needed to display them. */
export interface DicomFrame {
  syntax: TransferSyntax;
  attributes: Omit<ImageAttributes, "pixelElement">;
  frame: number;
  values: StoredArray;
  dataSet: DataSet;
}

interface Prepared {
  ds: DataSet;
  a: ImageAttributes;
  syntax: TransferSyntax;
  frame: number;
  maxPixels: number;
}

function prepare(bytes: Uint8Array, options: DicomDecodeOptions, inflated?: Uint8Array): Prepared {
  const meta = readMeta(bytes);
  const ds = parseDataSet(bytes, meta, inflated);
  const a = imageAttributes(ds);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  assertPixelCap(a.columns, a.rows, maxPixels);
  return { ds, a, syntax: meta.syntax, frame: checkFrame(options.frame ?? 0, a), maxPixels };
}

function finish(p: Prepared, wasm?: WasmDecoder): DicomFrame {
  const values = decodeFrameValues(p.ds, p.a, p.syntax, p.frame, p.maxPixels, wasm);
  const { pixelElement: _, ...attributes } = p.a;
  return { syntax: p.syntax, attributes, frame: p.frame, values, dataSet: p.ds };
}

/**
 * One frame's STORED values, before rescale and VOI, from any supported transfer syntax
 * (dicom/transfer-syntax.ts): the quantity lossless encodings must reproduce bit for bit.
 * Asynchronous because deflate (DecompressionStream) and the wasm codecs start asynchronously.
 */
export async function readDicomFrame(bytes: Uint8Array, options: DicomDecodeOptions = {}): Promise<DicomFrame> {
  const meta = readMeta(bytes);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  // Cap: one 4-byte-per-sample RGB frame at the pixel cap, plus 1 MiB of attributes.
  const inflated = meta.syntax.deflated
    ? await inflateDataSet(bytes, meta.dataSetOffset, maxPixels * 12 + 2 ** 20)
    : undefined;
  const p = prepare(bytes, options, inflated);
  const codec = p.syntax.encoding === "jpeg-ls" ? "charls" : p.syntax.encoding === "jpeg-2000" ? "openjpeg" : undefined;
  return finish(p, codec ? await wasmDecoder(codec, p.syntax.uid) : undefined);
}

/** The display image of a decoded frame (to-gray.ts) and the VOI used. */
export function dicomFrameToGray(
  frame: DicomFrame,
  outOfWindow: OutOfWindow = "keep",
): { image: Gray16Image; voi: VoiUsed } {
  return storedToGray(
    frame.dataSet,
    { ...frame.attributes, pixelElement: undefined as never },
    frame.values,
    outOfWindow,
  );
}

/**
 * Decodes a DICOM Part 10 frame to a 16-bit image WINDOWED TO THE FULL RANGE (to-gray.ts):
 * full range matters because the lesion compositing pushes pixels toward white = 65535. Every
 * transfer syntax of dicom/transfer-syntax.ts is read; an unknown one is CoreError
 * "unsupported-transfer-syntax" (HTTP 415) naming its UID.
 */
export async function decodeDicomAsync(bytes: Uint8Array, options: DicomDecodeOptions = {}): Promise<Gray16Image> {
  return dicomFrameToGray(await readDicomFrame(bytes, options), options.outOfWindow).image;
}

/**
 * The synchronous subset of decodeDicomAsync: native, RLE and JPEG (DCT and lossless) syntaxes.
 * Deflated, JPEG-LS and JPEG 2000 need decodeDicomAsync and are refused here with a message
 * saying so.
 */
export function decodeDicom(bytes: Uint8Array, options: DicomDecodeOptions = {}): Gray16Image {
  return dicomFrameToGray(finish(prepare(bytes, options)), options.outOfWindow).image;
}
