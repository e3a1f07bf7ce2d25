/**
 * A minimal DICOM Part 10 writer: preamble, "DICM", file meta group (PS3.10 7.1) and a data set
 * in Explicit VR Little Endian (PS3.5 7.1.2), elements in ascending tag order as PS3.5 7.1
 * requires. Values are padded to even length (PS3.5 6.2: UI with NUL, text with space, OB with
 * 0). Sequences use explicit lengths, so a reader never needs delimitation items.
 */
export type Vr =
  | "AE"
  | "AS"
  | "AT"
  | "CS"
  | "DA"
  | "DS"
  | "IS"
  | "LO"
  | "LT"
  | "PN"
  | "SH"
  | "ST"
  | "TM"
  | "UI"
  | "UL"
  | "US"
  | "OB"
  | "OW"
  | "SQ"
  | "UT"
  | "FL";

export interface DicomElement {
  tag: number; // (group << 16) | element
  vr: Vr;
  value: Uint8Array | string | number[] | DicomElement[][];
}

const LONG = new Set<Vr>(["OB", "OW", "SQ", "UT"]);
const TEXT_ENCODER = new TextEncoder();
export const EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

function pad(bytes: Uint8Array, vr: Vr): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = vr === "UI" || vr === "OB" ? 0 : 0x20;
  return out;
}

function valueBytes(e: DicomElement): Uint8Array {
  const { vr, value } = e;
  if (value instanceof Uint8Array) return pad(value, vr);
  if (typeof value === "string") return pad(TEXT_ENCODER.encode(value), vr);
  if (vr === "SQ") {
    const items = (value as DicomElement[][]).map((item) => {
      const body = encodeElements(item);
      const head = new Uint8Array(8);
      const view = new DataView(head.buffer);
      view.setUint16(0, 0xfffe, true);
      view.setUint16(2, 0xe000, true);
      view.setUint32(4, body.length, true);
      return concat([head, body]);
    });
    return concat(items);
  }
  const numbers = value as number[];
  const size = vr === "US" ? 2 : 4;
  const out = new Uint8Array(numbers.length * size);
  const view = new DataView(out.buffer);
  numbers.forEach((n, i) => {
    if (vr === "US") view.setUint16(i * size, n, true);
    else if (vr === "UL") view.setUint32(i * size, n, true);
    else if (vr === "AT") {
      // An attribute tag: group then element, each a little-endian uint16 (PS3.5 6.2).
      view.setUint16(i * size, n >>> 16, true);
      view.setUint16(i * size + 2, n & 0xffff, true);
    } else view.setFloat32(i * size, n, true);
  });
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Elements (sorted by tag here) in Explicit VR Little Endian. */
export function encodeElements(elements: DicomElement[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of [...elements].sort((a, b) => a.tag - b.tag)) {
    const value = valueBytes(e);
    const head = new Uint8Array(LONG.has(e.vr) ? 12 : 8);
    const view = new DataView(head.buffer);
    view.setUint16(0, e.tag >>> 16, true);
    view.setUint16(2, e.tag & 0xffff, true);
    head[4] = e.vr.charCodeAt(0);
    head[5] = e.vr.charCodeAt(1);
    if (LONG.has(e.vr)) view.setUint32(8, value.length, true);
    else view.setUint16(6, value.length, true);
    parts.push(head, value);
  }
  return concat(parts);
}

/** The whole Part 10 file for a data set of the given SOP class and instance. */
export function writePart10(
  dataSet: DicomElement[],
  sopClassUid: string,
  sopInstanceUid: string,
  implementationUid: string,
  transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN,
  tail?: Uint8Array,
): Uint8Array {
  const metaBody = encodeElements([
    { tag: 0x00020001, vr: "OB", value: Uint8Array.of(0, 1) },
    { tag: 0x00020002, vr: "UI", value: sopClassUid },
    { tag: 0x00020003, vr: "UI", value: sopInstanceUid },
    { tag: 0x00020010, vr: "UI", value: transferSyntaxUid },
    { tag: 0x00020012, vr: "UI", value: implementationUid },
    { tag: 0x00020013, vr: "SH", value: "PROBABLE_EDGE" },
  ]);
  const lengthElement = new Uint8Array(12);
  const view = new DataView(lengthElement.buffer);
  view.setUint16(0, 0x0002, true);
  view.setUint16(2, 0x0000, true);
  lengthElement[4] = 0x55; // "U"
  lengthElement[5] = 0x4c; // "L"
  view.setUint16(6, 4, true);
  view.setUint32(8, metaBody.length, true);
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128); // "DICM"
  // `tail`: bytes appended verbatim after the data set, e.g. encapsulated Pixel Data (PS3.5 A.4).
  return concat([preamble, lengthElement, metaBody, encodeElements(dataSet), ...(tail ? [tail] : [])]);
}
