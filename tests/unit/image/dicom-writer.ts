/**
 * A tiny DICOM Part 10 writer for tests: preamble, "DICM", a file meta group (always explicit
 * VR little endian, PS3.10 section 7.1) and an image data set in the requested transfer syntax
 * (implicit VR LE, explicit VR LE or explicit VR BE; PS3.5 section 7.1). Only what the decoder
 * reads is written; values are padded to even length as PS3.5 section 7.1.1 requires.
 */
export interface DicomSpec {
  rows: number;
  columns: number;
  bitsAllocated: 8 | 16;
  bitsStored?: number;
  highBit?: number;
  signed?: boolean;
  photometric?: string;
  samplesPerPixel?: number;
  slope?: number;
  intercept?: number;
  /** A number, or several values ("40\\400") as DICOM multi-valued text. */
  windowCenter?: number | string;
  windowWidth?: number | string;
  /** VOI LUT Function (0028,1056): LINEAR, LINEAR_EXACT or SIGMOID. */
  voiLutFunction?: string;
  transferSyntax?: string;
  /** Stored values, row-major; negative values are written in two's complement. */
  pixels: readonly number[];
  /** Drop this many bytes from the end of the pixel data (for truncation tests). */
  truncatePixelBytes?: number;
}

const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";
const EXPLICIT_BE = "1.2.840.10008.1.2.2";
const LONG_VRS = new Set(["OB", "OW", "OF", "SQ", "UT", "UN"]);

class Writer {
  private readonly chunks: number[] = [];
  constructor(
    private readonly littleEndian: boolean,
    private readonly explicit: boolean,
  ) {}
  bytes(b: ArrayLike<number>): void {
    for (let i = 0; i < b.length; i++) this.chunks.push(b[i]!);
  }
  u16(v: number): void {
    const lo = v & 0xff,
      hi = (v >> 8) & 0xff;
    this.bytes(this.littleEndian ? [lo, hi] : [hi, lo]);
  }
  u32(v: number): void {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.bytes(this.littleEndian ? b : b.reverse());
  }
  element(group: number, element: number, vr: string, value: Uint8Array): void {
    this.u16(group);
    this.u16(element);
    if (!this.explicit) {
      this.u32(value.length);
    } else if (LONG_VRS.has(vr)) {
      this.bytes([vr.charCodeAt(0), vr.charCodeAt(1), 0, 0]);
      this.u32(value.length);
    } else {
      this.bytes([vr.charCodeAt(0), vr.charCodeAt(1)]);
      this.u16(value.length);
    }
    this.bytes(value);
  }
  text(group: number, element: number, vr: string, s: string): void {
    const padded = s.length % 2 === 0 ? s : s + (vr === "UI" ? "\0" : " ");
    this.element(group, element, vr, new TextEncoder().encode(padded));
  }
  us(group: number, element: number, v: number): void {
    const w = new Writer(this.littleEndian, false);
    w.u16(v);
    this.element(group, element, "US", w.result());
  }
  result(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

export function writeDicom(spec: DicomSpec): Uint8Array {
  const syntax = spec.transferSyntax ?? EXPLICIT_LE;
  const meta = new Writer(true, true);
  meta.element(0x0002, 0x0001, "OB", Uint8Array.from([0, 1]));
  meta.text(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.7"); // Secondary Capture
  meta.text(0x0002, 0x0003, "UI", "1.2.3.4.5");
  meta.text(0x0002, 0x0010, "UI", syntax);
  meta.text(0x0002, 0x0012, "UI", "1.2.3.4");
  const metaBytes = meta.result();

  const ds = new Writer(syntax !== EXPLICIT_BE, syntax !== IMPLICIT_LE);
  ds.us(0x0028, 0x0002, spec.samplesPerPixel ?? 1);
  ds.text(0x0028, 0x0004, "CS", spec.photometric ?? "MONOCHROME2");
  ds.us(0x0028, 0x0010, spec.rows);
  ds.us(0x0028, 0x0011, spec.columns);
  ds.us(0x0028, 0x0100, spec.bitsAllocated);
  const bitsStored = spec.bitsStored ?? spec.bitsAllocated;
  ds.us(0x0028, 0x0101, bitsStored);
  ds.us(0x0028, 0x0102, spec.highBit ?? bitsStored - 1);
  ds.us(0x0028, 0x0103, spec.signed ? 1 : 0);
  if (spec.windowCenter !== undefined) ds.text(0x0028, 0x1050, "DS", String(spec.windowCenter));
  if (spec.windowWidth !== undefined) ds.text(0x0028, 0x1051, "DS", String(spec.windowWidth));
  if (spec.voiLutFunction !== undefined) ds.text(0x0028, 0x1056, "CS", spec.voiLutFunction);
  if (spec.intercept !== undefined) ds.text(0x0028, 0x1052, "DS", String(spec.intercept));
  if (spec.slope !== undefined) ds.text(0x0028, 0x1053, "DS", String(spec.slope));
  const px = new Writer(syntax !== EXPLICIT_BE, false);
  for (const v of spec.pixels) {
    if (spec.bitsAllocated === 8) px.bytes([v & 0xff]);
    else px.u16(v & 0xffff);
  }
  let pixelBytes = px.result();
  if (pixelBytes.length % 2 === 1) pixelBytes = Uint8Array.from([...pixelBytes, 0]);
  if (spec.truncatePixelBytes) pixelBytes = pixelBytes.subarray(0, pixelBytes.length - spec.truncatePixelBytes);
  ds.element(0x7fe0, 0x0010, spec.bitsAllocated === 8 ? "OB" : "OW", pixelBytes);

  const groupLength = new Writer(true, true);
  const len = new Writer(true, false);
  len.u32(metaBytes.length);
  groupLength.element(0x0002, 0x0000, "UL", len.result());
  const parts = [new Uint8Array(128), new TextEncoder().encode("DICM"), groupLength.result(), metaBytes, ds.result()];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
