import type { DicomElement } from "./part10-writer.ts";

type JsonAttribute = { vr: string; Value?: unknown[] };

/**
 * The DICOM JSON model (PS3.18 F.2) of elements: tags as 8 hex digits, multi-valued text split
 * at backslashes, PN as { Alphabetic }, DS/IS/US/FL as numbers, sequences as arrays of objects.
 * Bulk values (OB/OW) are left out: the JSON carries metadata and annotations only.
 */
export function toDicomJson(elements: DicomElement[]): Record<string, JsonAttribute> {
  const out: Record<string, JsonAttribute> = {};
  for (const e of [...elements].sort((a, b) => a.tag - b.tag)) {
    if (e.vr === "OB" || e.vr === "OW") continue;
    const tag = e.tag.toString(16).toUpperCase().padStart(8, "0");
    const { value } = e;
    let values: unknown[];
    if (e.vr === "SQ") values = (value as DicomElement[][]).map((item) => toDicomJson(item));
    else if (Array.isArray(value)) values = value;
    else if (typeof value === "string") {
      values = value === "" ? [] : value.split("\\");
      if (e.vr === "PN") values = values.map((v) => ({ Alphabetic: v }));
      if (e.vr === "DS" || e.vr === "IS") values = values.map((v) => Number(v));
    } else values = [];
    out[tag] = values.length > 0 ? { vr: e.vr, Value: values } : { vr: e.vr };
  }
  return out;
}

/**
 * Lesion boxes as a Graphic Annotation Sequence (PS3.3 C.10.5): one closed POLYLINE per box in
 * PIXEL units on the referenced derived image.
 */
export function boxAnnotations(
  boxes: [number, number, number, number][],
  sopClassUid: string,
  sopInstanceUid: string,
): DicomElement {
  const objects = boxes.map(
    ([x, y, w, h]) =>
      [
        { tag: 0x00700005, vr: "CS", value: "PIXEL" },
        { tag: 0x00700020, vr: "US", value: [2] },
        { tag: 0x00700021, vr: "US", value: [5] },
        { tag: 0x00700022, vr: "FL", value: [x, y, x + w, y, x + w, y + h, x, y + h, x, y] },
        { tag: 0x00700023, vr: "CS", value: "POLYLINE" },
        { tag: 0x00700024, vr: "CS", value: "N" },
      ] as DicomElement[],
  );
  return {
    tag: 0x00700001,
    vr: "SQ",
    value: [
      [
        {
          tag: 0x00081140,
          vr: "SQ",
          value: [
            [
              { tag: 0x00081150, vr: "UI", value: sopClassUid },
              { tag: 0x00081155, vr: "UI", value: sopInstanceUid },
            ],
          ],
        },
        { tag: 0x00700002, vr: "CS", value: "LESIONS" },
        { tag: 0x00700009, vr: "SQ", value: objects },
      ],
    ],
  };
}
