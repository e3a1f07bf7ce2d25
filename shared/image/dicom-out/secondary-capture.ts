import type { DataSet } from "dicom-parser";
import type { GrayImage } from "../gray-image.ts";
import { writePart10, type DicomElement, type Vr } from "./part10-writer.ts";
import { IMPLEMENTATION_CLASS_UID, newUid, SECONDARY_CAPTURE_SOP_CLASS } from "./uid.ts";

/** Patient (PS3.3 C.7.1.1) and General Study (C.7.2.1) attributes copied from the input. */
const KEPT: [number, Vr][] = [
  [0x00080005, "CS"], // Specific Character Set, so names keep their encoding
  [0x00100010, "PN"],
  [0x00100020, "LO"],
  [0x00100030, "DA"],
  [0x00100040, "CS"],
  [0x0020000d, "UI"],
  [0x00080020, "DA"],
  [0x00080030, "TM"],
  [0x00080090, "PN"],
  [0x00200010, "SH"],
  [0x00080050, "SH"],
  [0x00081030, "LO"],
  [0x00280030, "DS"], // Pixel Spacing: the geometry is unchanged
];
const TYPE_2 = new Set([
  0x00100010, 0x00100020, 0x00100030, 0x00100040, 0x00080020, 0x00080030, 0x00080090, 0x00200010, 0x00080050,
]);

const key = (tag: number) => `x${tag.toString(16).padStart(8, "0")}`;

/**
 * The input's Patient and General Study attributes (absent type 2 ones written empty), with
 * `studyInstanceUid` as the Study Instance UID when the input has none.
 */
export function keptPatientAndStudy(source: DataSet | undefined, studyInstanceUid: string): DicomElement[] {
  const elements: DicomElement[] = [];
  for (const [tag, vr] of KEPT) {
    const text = source?.string(key(tag));
    if (text !== undefined && text !== "") elements.push({ tag, vr, value: text });
    else if (TYPE_2.has(tag)) elements.push({ tag, vr, value: "" });
  }
  if (!elements.some((e) => e.tag === 0x0020000d))
    elements.push({ tag: 0x0020000d, vr: "UI", value: studyInstanceUid });
  return elements;
}

export interface DerivedUids {
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
}

/**
 * A Secondary Capture Image (PS3.3 A.8.1) of the composited image: the input's patient and study
 * modules kept (absent type 2 attributes written empty; a PNG or phantom input gets a new
 * study), new SOP Instance and Series Instance UIDs, Image Type DERIVED\SECONDARY, the
 * derivation described in text and the source image referenced (Source Image Sequence).
 * Pixels are exactly the returned image's values, MONOCHROME2, with a full-range window.
 */
export function secondaryCapture(
  image: GrayImage,
  source: DataSet | undefined,
  derivation: string,
): { bytes: Uint8Array; uids: DerivedUids; elements: DicomElement[] } {
  const studyInstanceUid = source?.string(key(0x0020000d)) || newUid();
  const elements = keptPatientAndStudy(source, studyInstanceUid);
  const uids = { sopInstanceUid: newUid(), seriesInstanceUid: newUid(), studyInstanceUid };
  const bits = image.bitDepth;
  const pixels = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength).slice();
  if (bits === 16 && new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
    for (let i = 0; i < pixels.length; i += 2) [pixels[i], pixels[i + 1]] = [pixels[i + 1]!, pixels[i]!];
  }
  const sourceClass = source?.string("x00080016");
  const sourceInstance = source?.string("x00080018");
  elements.push(
    { tag: 0x00080008, vr: "CS", value: "DERIVED\\SECONDARY" },
    { tag: 0x00080016, vr: "UI", value: SECONDARY_CAPTURE_SOP_CLASS },
    { tag: 0x00080018, vr: "UI", value: uids.sopInstanceUid },
    { tag: 0x00080060, vr: "CS", value: "OT" },
    { tag: 0x00080064, vr: "CS", value: "WSD" },
    { tag: 0x0008103e, vr: "LO", value: "Simulated lesions" },
    { tag: 0x00082111, vr: "ST", value: derivation.slice(0, 1024) },
    { tag: 0x0020000e, vr: "UI", value: uids.seriesInstanceUid },
    { tag: 0x00200011, vr: "IS", value: "9001" },
    { tag: 0x00200013, vr: "IS", value: "1" },
    { tag: 0x00200020, vr: "CS", value: "" },
    { tag: 0x00280002, vr: "US", value: [1] },
    { tag: 0x00280004, vr: "CS", value: "MONOCHROME2" },
    { tag: 0x00280010, vr: "US", value: [image.height] },
    { tag: 0x00280011, vr: "US", value: [image.width] },
    { tag: 0x00280100, vr: "US", value: [bits] },
    { tag: 0x00280101, vr: "US", value: [bits] },
    { tag: 0x00280102, vr: "US", value: [bits - 1] },
    { tag: 0x00280103, vr: "US", value: [0] },
    { tag: 0x00281050, vr: "DS", value: bits === 16 ? "32768" : "128" },
    { tag: 0x00281051, vr: "DS", value: bits === 16 ? "65536" : "256" },
    { tag: 0x7fe00010, vr: bits === 16 ? "OW" : "OB", value: pixels },
  );
  if (sourceClass && sourceInstance) {
    elements.push({
      tag: 0x00082112,
      vr: "SQ",
      value: [
        [
          { tag: 0x00081150, vr: "UI", value: sourceClass },
          { tag: 0x00081155, vr: "UI", value: sourceInstance },
        ],
      ],
    });
  }
  return {
    bytes: writePart10(elements, SECONDARY_CAPTURE_SOP_CLASS, uids.sopInstanceUid, IMPLEMENTATION_CLASS_UID),
    uids,
    elements,
  };
}
