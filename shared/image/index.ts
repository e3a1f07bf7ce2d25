export * from "./gray-image.ts";
export { decodeImage, decodeImageAsync, sniffImageFormat, type ImageFormat } from "./decode-image.ts";
export { decodePng, encodePng, assertPixelCap, type DecodeOptions, type EncodeOptions } from "./png-codec.ts";
export {
  decodeDicom,
  decodeDicomAsync,
  readDicomFrame,
  dicomFrameToGray,
  TRANSFER_SYNTAXES,
  type DicomDecodeOptions,
  type DicomFrame,
} from "./dicom-codec.ts";
export { useDicomWasmCodecs } from "./dicom/wasm-codecs.ts";
export { readPngHeader, hasPngSignature, type PngHeader } from "./png-header.ts";
