import type { DataSet } from "dicom-parser";
import { Decoder as JpegLosslessDecoder } from "jpeg-lossless-decoder-js";
import { CoreError } from "../../errors.ts";
import { dicomCorrupt, guarded, type ImageAttributes } from "./dataset.ts";
import { encapsulatedFrameBytes, nativeFrameBytes } from "./frames.ts";
import { decodeJpegDct } from "./jpeg-dct.ts";
import { decodeRleFrame } from "./rle.ts";
import { byteReader, toStored, type StoredArray } from "./stored-array.ts";
import type { TransferSyntax } from "./transfer-syntax.ts";
import { discardWasmCodec, type WasmDecoder } from "./wasm-codecs.ts";

function checkSize(what: string, width: number, height: number, components: number, a: ImageAttributes): void {
  if (width !== a.columns || height !== a.rows || components !== a.samplesPerPixel) {
    dicomCorrupt(
      `${what} frame is ${width}x${height}x${components}; the header says ${a.columns}x${a.rows}x${a.samplesPerPixel}`,
    );
  }
}

/** Planar (all R, then all G, ...) to interleaved sample order. */
function interleavedReader(read: (i: number) => number, pixels: number, samples: number): (i: number) => number {
  return samples === 1 ? read : (i) => read((i % samples) * pixels + Math.floor(i / samples));
}

/** Runs a wasm decoder over one frame and copies its output out of wasm memory as stored values. */
function decodeWithWasm(decoder: WasmDecoder, bytes: Uint8Array, a: ImageAttributes, what: string): StoredArray {
  let trapped = false;
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    try {
      decoder.decode();
    } catch (cause) {
      // C++ exceptions arrive as numbers or strings; a wasm trap as a RuntimeError.
      trapped = cause instanceof Error && cause.name === "RuntimeError";
      dicomCorrupt(`${what} frame could not be decoded: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    const info = decoder.getFrameInfo();
    checkSize(what, info.width, info.height, info.componentCount, a);
    const n = a.rows * a.columns;
    const bytesPerSample = Math.ceil(info.bitsPerSample / 8);
    const out = decoder.getDecodedBuffer();
    if (out.length < n * a.samplesPerPixel * bytesPerSample) dicomCorrupt(`${what} decoder returned too few bytes`);
    let read = byteReader(out, bytesPerSample, true);
    // CharLS interleave mode 0 keeps the components planar.
    if (decoder.getInterleaveMode?.() === 0) read = interleavedReader(read, n, a.samplesPerPixel);
    return toStored(read, n * a.samplesPerPixel, a.bitsStored, a.signed);
  } finally {
    try {
      decoder.delete();
    } catch {
      trapped = true;
    }
    if (trapped) discardWasmCodec(what === "JPEG-LS" ? "charls" : "openjpeg");
  }
}

/**
 * The stored values of one frame, samples interleaved per pixel, before any rescale or VOI:
 * exactly what a lossless encoding must reproduce. `wasm` is the decoder the async path
 * prepared for JPEG-LS / JPEG 2000; without it those syntaxes are refused.
 */
export function decodeFrameValues(
  ds: DataSet,
  a: ImageAttributes,
  syntax: TransferSyntax,
  frame: number,
  maxPixels: number,
  wasm?: WasmDecoder,
): StoredArray {
  const n = a.rows * a.columns;
  const length = n * a.samplesPerPixel;
  const bytesPerSample = a.bitsAllocated / 8;
  const shift = a.highBit + 1 - a.bitsStored;
  if (syntax.encoding === "native") {
    if (a.pixelElement.encapsulatedPixelData)
      dicomCorrupt(`Pixel Data is encapsulated but ${syntax.name} is a native syntax`);
    const bytes = nativeFrameBytes(ds, a, frame);
    const read = byteReader(bytes, bytesPerSample, syntax.littleEndian);
    return toStored(
      a.planar ? interleavedReader(read, n, a.samplesPerPixel) : read,
      length,
      a.bitsStored,
      a.signed,
      shift,
    );
  }
  if (!a.pixelElement.encapsulatedPixelData) dicomCorrupt(`${syntax.name} needs encapsulated Pixel Data`);
  const bytes = encapsulatedFrameBytes(ds, a, frame);
  switch (syntax.encoding) {
    case "rle": {
      const native = decodeRleFrame(bytes, n, a.samplesPerPixel, a.bitsAllocated);
      return toStored(byteReader(native, bytesPerSample, true), length, a.bitsStored, a.signed, shift);
    }
    case "jpeg-dct": {
      const image = decodeJpegDct(bytes, maxPixels);
      checkSize("JPEG", image.width, image.height, image.components, a);
      return toStored((i) => image.data[i]!, length, a.bitsStored, a.signed);
    }
    case "jpeg-lossless": {
      const copy = bytes.slice(); // the decoder wants its own ArrayBuffer
      const decoded = guarded("JPEG Lossless frame", () =>
        new JpegLosslessDecoder().decode(copy.buffer, 0, copy.length, bytesPerSample > 1 ? 2 : 1),
      );
      if (!decoded || decoded.length < length) dicomCorrupt("JPEG Lossless frame decoded to too few samples");
      return toStored((i) => decoded[i]!, length, a.bitsStored, a.signed);
    }
    case "jpeg-ls":
    case "jpeg-2000":
      if (!wasm)
        throw new CoreError(
          "unsupported-transfer-syntax",
          `DICOM transfer syntax ${syntax.uid} (${syntax.name}) needs the asynchronous decoder (decodeImageAsync)`,
        );
      return decodeWithWasm(wasm, bytes, a, syntax.encoding === "jpeg-ls" ? "JPEG-LS" : "JPEG 2000");
  }
}
