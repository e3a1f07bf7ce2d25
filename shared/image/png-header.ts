import { CoreError } from "../errors.ts";

/** The PNG file signature, ISO/IEC 15948 section 5.2. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** What IHDR declares; read before any decompression so the pixel cap is enforced cheaply. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  colorType: number;
  interlace: number;
}

/** Allowed bit depths per colour type (ISO/IEC 15948 table 11.1). */
const DEPTHS_BY_COLOR_TYPE: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Reads the IHDR chunk, which must directly follow the signature. Throws "corrupt-image" when
 * the header is truncated or inconsistent; the caller has already checked the signature.
 */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  // signature (8) + chunk length (4) + "IHDR" (4) + 13 data bytes + CRC (4) = 33
  if (bytes.length < 33) throw new CoreError("corrupt-image", "PNG is truncated before the end of IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (view.getUint32(8) !== 13 || type !== "IHDR") {
    throw new CoreError("corrupt-image", "PNG does not start with a 13-byte IHDR chunk");
  }
  const header: PngHeader = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24]!,
    colorType: bytes[25]!,
    interlace: bytes[28]!,
  };
  // The spec caps each dimension at 2^31 - 1 and forbids zero.
  const badSize = (n: number) => n === 0 || n > 0x7fffffff;
  if (badSize(header.width) || badSize(header.height)) {
    throw new CoreError("corrupt-image", `PNG declares an invalid size ${header.width}x${header.height}`);
  }
  if (!DEPTHS_BY_COLOR_TYPE[header.colorType]?.includes(header.bitDepth)) {
    throw new CoreError(
      "corrupt-image",
      `PNG declares bit depth ${header.bitDepth} with colour type ${header.colorType}, which is not allowed`,
    );
  }
  if (header.interlace > 1) throw new CoreError("corrupt-image", `PNG declares interlace method ${header.interlace}`);
  return header;
}
