/**
 * The transfer syntaxes this reader knows (PS3.5 section 10 and annex A; PS3.6 annex A), and how
 * each frame's pixel data is decoded. A syntax absent from this table is refused with 415
 * naming its UID (CoreError "unsupported-transfer-syntax").
 */
export type PixelEncoding = "native" | "rle" | "jpeg-dct" | "jpeg-lossless" | "jpeg-ls" | "jpeg-2000";

export interface TransferSyntax {
  uid: string;
  name: string;
  explicitVr: boolean;
  littleEndian: boolean;
  /** The data set after the file meta group is raw-deflated (PS3.5 A.5). */
  deflated: boolean;
  encoding: PixelEncoding;
  /** Lossless encodings must reproduce the stored values bit for bit. */
  lossless: boolean;
}

function ts(
  uid: string,
  name: string,
  encoding: PixelEncoding,
  lossless: boolean,
  extra: Partial<TransferSyntax> = {},
): TransferSyntax {
  return { uid, name, explicitVr: true, littleEndian: true, deflated: false, encoding, lossless, ...extra };
}

export const TRANSFER_SYNTAXES: readonly TransferSyntax[] = [
  ts("1.2.840.10008.1.2", "Implicit VR Little Endian", "native", true, { explicitVr: false }),
  ts("1.2.840.10008.1.2.1", "Explicit VR Little Endian", "native", true),
  ts("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", "native", true, { deflated: true }),
  ts("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", "native", true, { littleEndian: false }),
  ts("1.2.840.10008.1.2.5", "RLE Lossless", "rle", true),
  ts("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", "jpeg-dct", false),
  ts("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", "jpeg-dct", false),
  ts("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", "jpeg-lossless", true),
  ts(
    "1.2.840.10008.1.2.4.70",
    "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)",
    "jpeg-lossless",
    true,
  ),
  ts("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", "jpeg-ls", true),
  ts("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", "jpeg-ls", false),
  ts("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", "jpeg-2000", true),
  ts("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", "jpeg-2000", false),
];

const BY_UID = new Map(TRANSFER_SYNTAXES.map((t) => [t.uid, t]));

/** The syntax for a UID, or undefined when this reader does not support it. */
export function transferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid);
}
