export * from "./gray-image.ts";
export { decodeImage, sniffImageFormat, type ImageFormat } from "./decode-image.ts";
export { decodePng, encodePng, assertPixelCap, type DecodeOptions, type EncodeOptions } from "./png-codec.ts";
export { decodeDicom, SUPPORTED_TRANSFER_SYNTAXES } from "./dicom-codec.ts";
export { readPngHeader, hasPngSignature, type PngHeader } from "./png-header.ts";
