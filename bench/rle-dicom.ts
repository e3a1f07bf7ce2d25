/**
 * A 16-bit MONOCHROME2 image as an RLE Lossless DICOM (PS3.5 annex G), for benchmarks: PackBits
 * segments (high bytes, then low bytes) in one fragment after an empty Basic Offset Table.
 */
import { concat, writePart10, type DicomElement } from "../shared/image/dicom-out/part10-writer.ts";
import { IMPLEMENTATION_CLASS_UID, newUid, SECONDARY_CAPTURE_SOP_CLASS } from "../shared/image/dicom-out/uid.ts";

function packBits(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < src.length) {
    let run = 1;
    while (i + run < src.length && run < 128 && src[i + run] === src[i]) run++;
    if (run >= 2) {
      out.push(257 - run, src[i]!);
      i += run;
      continue;
    }
    let lit = 1;
    while (i + lit < src.length && lit < 128 && !(i + lit + 1 < src.length && src[i + lit] === src[i + lit + 1])) lit++;
    out.push(lit - 1, ...src.subarray(i, i + lit));
    i += lit;
  }
  if (out.length % 2) out.push(128); // no-op byte keeps segments even
  return Uint8Array.from(out);
}

function item(tag: number, body: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  const v = new DataView(head.buffer);
  v.setUint16(0, 0xfffe, true);
  v.setUint16(2, tag, true);
  v.setUint32(4, body.length, true);
  return concat([head, body]);
}

export function rleDicom(width: number, height: number, data: Uint16Array, rle = true): Uint8Array {
  const elements: DicomElement[] = [
    { tag: 0x00080016, vr: "UI", value: SECONDARY_CAPTURE_SOP_CLASS },
    { tag: 0x00080018, vr: "UI", value: newUid() },
    { tag: 0x00280002, vr: "US", value: [1] },
    { tag: 0x00280004, vr: "CS", value: "MONOCHROME2" },
    { tag: 0x00280010, vr: "US", value: [height] },
    { tag: 0x00280011, vr: "US", value: [width] },
    { tag: 0x00280100, vr: "US", value: [16] },
    { tag: 0x00280101, vr: "US", value: [16] },
    { tag: 0x00280102, vr: "US", value: [15] },
    { tag: 0x00280103, vr: "US", value: [0] },
  ];
  if (!rle) {
    elements.push({ tag: 0x7fe00010, vr: "OW", value: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return writePart10(elements, SECONDARY_CAPTURE_SOP_CLASS, newUid(), IMPLEMENTATION_CLASS_UID);
  }
  const hi = Uint8Array.from(data, (v) => v >> 8);
  const lo = Uint8Array.from(data, (v) => v & 255);
  const segments = [packBits(hi), packBits(lo)];
  const header = new Uint8Array(64);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, 2, true);
  hv.setUint32(4, 64, true);
  hv.setUint32(8, 64 + segments[0]!.length, true);
  const frame = concat([header, ...segments]);
  const pixelHead = new Uint8Array(12);
  const pv = new DataView(pixelHead.buffer);
  pv.setUint16(0, 0x7fe0, true);
  pv.setUint16(2, 0x0010, true);
  pixelHead.set([0x4f, 0x42], 4); // OB
  pv.setUint32(8, 0xffffffff, true);
  const tail = concat([
    pixelHead,
    item(0xe000, new Uint8Array(0)),
    item(0xe000, frame),
    item(0xe0dd, new Uint8Array(0)),
  ]);
  return writePart10(
    elements,
    SECONDARY_CAPTURE_SOP_CLASS,
    newUid(),
    IMPLEMENTATION_CLASS_UID,
    "1.2.840.10008.1.2.5",
    tail,
  );
}
