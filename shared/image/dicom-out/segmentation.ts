import type { DataSet } from "dicom-parser";
import type { BinaryMask } from "../gray-image.ts";
import { writePart10, type DicomElement } from "./part10-writer.ts";
import { IMPLEMENTATION_CLASS_UID, newUid } from "./uid.ts";
import { keptPatientAndStudy, type DerivedUids } from "./secondary-capture.ts";

export const SEGMENTATION_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

/** The image the mask segments: the Secondary Capture returned with it. */
export interface SegmentedImage {
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
}

type Code = [value: string, scheme: string, meaning: string];
const code = ([value, scheme, meaning]: Code): DicomElement[] => [
  { tag: 0x00080100, vr: "SH", value },
  { tag: 0x00080102, vr: "SH", value: scheme },
  { tag: 0x00080104, vr: "LO", value: meaning },
];
// SNOMED CT codes of PS3.16 CID 7150 (category) and CID 7151 / 7159 (type): a lesion as a
// morphologically altered structure.
const CATEGORY: Code = ["49755003", "SCT", "Morphologically Altered Structure"];
const TYPE: Code = ["52988006", "SCT", "Lesion"];
// PS3.16 DCM codes: the purpose of the source reference and the derivation.
const SOURCE_PURPOSE: Code = ["121322", "DCM", "Source image for image processing operation"];
const DERIVATION: Code = ["113076", "DCM", "Segmentation"];

/** One bit per pixel, row-major, first pixel in the least significant bit (PS3.5 8.1.1), even length. */
export function packBits(mask: BinaryMask): Uint8Array {
  const n = mask.width * mask.height;
  const bytes = new Uint8Array(Math.ceil(Math.ceil(n / 8) / 2) * 2);
  for (let i = 0; i < n; i++) if (mask.data[i] !== 0) bytes[i >> 3]! |= 1 << (i & 7);
  return bytes;
}

/**
 * A binary DICOM Segmentation (PS3.3 A.51) of the simulated lesions: one frame, one segment
 * ("Lesion", AUTOMATIC by `algorithm`), the input's patient and study kept, a new series, and the
 * segmented image referenced from the frame (Derivation Image) and the instance (Common Instance
 * Reference), so a viewer overlays it on the Secondary Capture returned with it.
 */
export function lesionSegmentation(
  mask: BinaryMask,
  source: DataSet | undefined,
  segmented: SegmentedImage,
  studyInstanceUid: string,
  algorithm: string,
): { bytes: Uint8Array; uids: DerivedUids } {
  const spacing = source?.string("x00280030");
  // Pixel Spacing lives in the Pixel Measures functional group of a multi-frame object.
  const shared: DicomElement[] = spacing
    ? [{ tag: 0x00289110, vr: "SQ", value: [[{ tag: 0x00280030, vr: "DS", value: spacing }]] }]
    : [];
  const uids = { sopInstanceUid: newUid(), seriesInstanceUid: newUid(), studyInstanceUid };
  const dimensionOrganization = newUid();
  const sourceImage: DicomElement[] = [
    { tag: 0x00081150, vr: "UI", value: segmented.sopClassUid },
    { tag: 0x00081155, vr: "UI", value: segmented.sopInstanceUid },
    { tag: 0x0040a170, vr: "SQ", value: [code(SOURCE_PURPOSE)] },
  ];
  const perFrame: DicomElement[] = [
    {
      tag: 0x00089124,
      vr: "SQ",
      value: [
        [
          { tag: 0x00082112, vr: "SQ", value: [sourceImage] },
          { tag: 0x00089215, vr: "SQ", value: [code(DERIVATION)] },
        ],
      ],
    },
    { tag: 0x00209111, vr: "SQ", value: [[{ tag: 0x00209157, vr: "UL", value: [1] }]] },
    { tag: 0x0062000a, vr: "SQ", value: [[{ tag: 0x0062000b, vr: "US", value: [1] }]] },
  ];
  const segment: DicomElement[] = [
    { tag: 0x00620003, vr: "SQ", value: [code(CATEGORY)] },
    { tag: 0x00620004, vr: "US", value: [1] },
    { tag: 0x00620005, vr: "LO", value: "Simulated lesion" },
    { tag: 0x00620008, vr: "CS", value: "AUTOMATIC" },
    { tag: 0x00620009, vr: "LO", value: algorithm.slice(0, 64) },
    { tag: 0x0062000f, vr: "SQ", value: [code(TYPE)] },
  ];
  const now = new Date().toISOString();
  const elements: DicomElement[] = [
    ...keptPatientAndStudy(source, studyInstanceUid).filter((e) => e.tag !== 0x00280030),
    { tag: 0x00080008, vr: "CS", value: "DERIVED\\PRIMARY" },
    { tag: 0x00080016, vr: "UI", value: SEGMENTATION_SOP_CLASS },
    { tag: 0x00080018, vr: "UI", value: uids.sopInstanceUid },
    { tag: 0x00080023, vr: "DA", value: now.slice(0, 10).replaceAll("-", "") },
    { tag: 0x00080033, vr: "TM", value: now.slice(11, 19).replaceAll(":", "") },
    { tag: 0x00080060, vr: "CS", value: "SEG" },
    { tag: 0x00080070, vr: "LO", value: "probable-edge" },
    { tag: 0x00081090, vr: "LO", value: "lesion simulator" },
    { tag: 0x0008103e, vr: "LO", value: "Simulated lesion mask" },
    {
      tag: 0x00081115,
      vr: "SQ",
      value: [
        [
          {
            tag: 0x0008114a,
            vr: "SQ",
            value: [
              [
                { tag: 0x00081150, vr: "UI", value: segmented.sopClassUid },
                { tag: 0x00081155, vr: "UI", value: segmented.sopInstanceUid },
              ],
            ],
          },
          { tag: 0x0020000e, vr: "UI", value: segmented.seriesInstanceUid },
        ],
      ],
    },
    { tag: 0x00181000, vr: "LO", value: "0" },
    { tag: 0x00181020, vr: "LO", value: "1" },
    { tag: 0x0020000e, vr: "UI", value: uids.seriesInstanceUid },
    { tag: 0x00200011, vr: "IS", value: "9002" },
    { tag: 0x00200013, vr: "IS", value: "1" },
    { tag: 0x00209221, vr: "SQ", value: [[{ tag: 0x00209164, vr: "UI", value: dimensionOrganization }]] },
    {
      tag: 0x00209222,
      vr: "SQ",
      value: [
        [
          { tag: 0x00209164, vr: "UI", value: dimensionOrganization },
          { tag: 0x00209165, vr: "AT", value: [0x0062000b] },
          { tag: 0x00209167, vr: "AT", value: [0x0062000a] },
        ],
      ],
    },
    { tag: 0x00280002, vr: "US", value: [1] },
    { tag: 0x00280004, vr: "CS", value: "MONOCHROME2" },
    { tag: 0x00280008, vr: "IS", value: "1" },
    { tag: 0x00280010, vr: "US", value: [mask.height] },
    { tag: 0x00280011, vr: "US", value: [mask.width] },
    { tag: 0x00280100, vr: "US", value: [1] },
    { tag: 0x00280101, vr: "US", value: [1] },
    { tag: 0x00280102, vr: "US", value: [0] },
    { tag: 0x00280103, vr: "US", value: [0] },
    { tag: 0x00282110, vr: "CS", value: "00" },
    { tag: 0x00620001, vr: "CS", value: "BINARY" },
    { tag: 0x00620002, vr: "SQ", value: [segment] },
    { tag: 0x00700080, vr: "CS", value: "LESIONS" },
    { tag: 0x00700081, vr: "LO", value: "Simulated lesions" },
    { tag: 0x00700084, vr: "PN", value: "" },
    { tag: 0x52009229, vr: "SQ", value: [shared] },
    { tag: 0x52009230, vr: "SQ", value: [perFrame] },
    { tag: 0x7fe00010, vr: "OB", value: packBits(mask) },
  ];
  return { bytes: writePart10(elements, SEGMENTATION_SOP_CLASS, uids.sopInstanceUid, IMPLEMENTATION_CLASS_UID), uids };
}
