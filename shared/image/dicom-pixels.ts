import type { Element } from "dicom-parser";
import { CoreError } from "../errors.ts";

export interface PixelLayout {
  pixelCount: number;
  bitsAllocated: number;
  bitsStored: number | undefined;
  highBit: number | undefined;
  signed: boolean;
  littleEndian: boolean;
}

/**
 * Returns a reader i -> stored value of pixel i of the first frame, honouring Bits Stored,
 * High Bit and Pixel Representation (PS3.5 section 8.1.1: the stored bits sit at
 * highBit - bitsStored + 1 .. highBit; two's complement when signed). Reading on demand keeps
 * the decoder to one output buffer, which matters at 4096 x 4096 inside a 128 MB isolate.
 */
export function dicomPixelReader(bytes: Uint8Array, element: Element, layout: PixelLayout): (i: number) => number {
  const { pixelCount, bitsAllocated, signed, littleEndian } = layout;
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw new CoreError("unsupported-image", `DICOM Bits Allocated ${bitsAllocated} is not supported; only 8 or 16`);
  }
  const bitsStored = layout.bitsStored ?? bitsAllocated;
  const highBit = layout.highBit ?? bitsStored - 1;
  const shift = highBit + 1 - bitsStored;
  if (bitsStored < 1 || shift < 0 || highBit >= bitsAllocated) {
    throw new CoreError(
      "corrupt-image",
      `DICOM bit layout is inconsistent (stored ${bitsStored}, high bit ${highBit})`,
    );
  }
  const needed = pixelCount * (bitsAllocated / 8);
  // Undefined length (0xFFFFFFFF) only occurs for encapsulated data, which the caller rejected.
  if (element.length < needed || element.dataOffset + needed > bytes.length) {
    throw new CoreError(
      "corrupt-image",
      `DICOM Pixel Data holds ${Math.min(element.length, bytes.length - element.dataOffset)} bytes; Rows x Columns needs ${needed}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + element.dataOffset, needed);
  const valueMask = bitsStored >= 32 ? 0xffffffff : 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  const range = 2 ** bitsStored;
  const raw =
    bitsAllocated === 8 ? (i: number) => view.getUint8(i) : (i: number) => view.getUint16(2 * i, littleEndian);
  return (i) => {
    const v = (raw(i) >>> shift) & valueMask;
    return signed && v >= signBit ? v - range : v;
  };
}
