import { InvalidInputError } from "../errors.ts";

/**
 * A single-channel raster, row-major, top row first. Values are integers on the full scale of
 * the bit depth (0 = black, 255 or 65535 = white), so an 8-bit PNG and a 16-bit DICOM share one
 * compositing formula with `max = grayMax(bitDepth)`.
 */
export interface Gray8Image {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: 8;
  readonly data: Uint8Array;
}

export interface Gray16Image {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: 16;
  readonly data: Uint16Array;
}

export type GrayImage = Gray8Image | Gray16Image;
export type GrayBitDepth = GrayImage["bitDepth"];

/** A binary raster (e.g. a lung or lesion mask): nonzero = inside. Masks we produce use 0/255. */
export interface BinaryMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Default cap on decoded pixels: 4096 * 4096 = 16,777,216. */
export const DEFAULT_MAX_PIXELS = 16_777_216;

/** White on the image's scale: 2^bitDepth - 1. */
export function grayMax(bitDepth: GrayBitDepth): number {
  return bitDepth === 8 ? 255 : 65535;
}

/** A zero-filled image of the given size and depth. */
export function createGrayImage(width: number, height: number, bitDepth: GrayBitDepth): GrayImage {
  return bitDepth === 8
    ? { width, height, bitDepth, data: new Uint8Array(width * height) }
    : { width, height, bitDepth, data: new Uint16Array(width * height) };
}

/** A deep copy, so callers can mutate the result without touching the input. */
export function cloneGrayImage(image: GrayImage): GrayImage {
  return image.bitDepth === 8
    ? { width: image.width, height: image.height, bitDepth: 8, data: image.data.slice() }
    : { width: image.width, height: image.height, bitDepth: 16, data: image.data.slice() };
}

/** Throws InvalidInputError at `pointer` unless the image is internally consistent. */
export function assertGrayImage(image: GrayImage, pointer: string): void {
  const { width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidInputError(pointer, `image size must be positive integers, got ${width}x${height}`);
  }
  const typed = image.bitDepth === 8 ? image.data instanceof Uint8Array : image.data instanceof Uint16Array;
  if (!typed || (image.bitDepth !== 8 && image.bitDepth !== 16)) {
    throw new InvalidInputError(pointer, "image data must be Uint8Array (8-bit) or Uint16Array (16-bit)");
  }
  if (image.data.length !== width * height) {
    throw new InvalidInputError(pointer, `image data has ${image.data.length} values, expected ${width * height}`);
  }
}

/** Throws InvalidInputError at `pointer` unless the mask is a Uint8Array of width * height. */
export function assertBinaryMask(mask: BinaryMask, pointer: string): void {
  if (!(mask.data instanceof Uint8Array) || mask.data.length !== mask.width * mask.height) {
    throw new InvalidInputError(pointer, "mask data must be a Uint8Array of width * height values");
  }
}

/**
 * A mask from a decoded gray image: any nonzero pixel is inside. Nonzero rather than a half-way
 * threshold, because masks saved from numpy are as often 0/1 as 0/255.
 */
export function maskFromImage(image: GrayImage): BinaryMask {
  const data = new Uint8Array(image.width * image.height);
  const src = image.data;
  for (let i = 0; i < data.length; i++) data[i] = src[i]! !== 0 ? 255 : 0;
  return { width: image.width, height: image.height, data };
}

/** An 8-bit view of any gray image (16-bit values are rounded to v / 257 = v * 255 / 65535). */
export function toGray8(image: GrayImage): Gray8Image {
  if (image.bitDepth === 8) return image;
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(image.data[i]! / 257);
  return { width: image.width, height: image.height, bitDepth: 8, data };
}
