import dcmjs from "dcmjs";
import dicomParser from "dicom-parser";
import { describe, expect, it } from "vitest";
import { secondaryCapture } from "../../../shared/image/dicom-out/secondary-capture.ts";
import { lesionSegmentation, packBits, SEGMENTATION_SOP_CLASS } from "../../../shared/image/dicom-out/segmentation.ts";
import { SECONDARY_CAPTURE_SOP_CLASS } from "../../../shared/image/dicom-out/uid.ts";
import { multipartRelated } from "../../../functions/lesions/dicom-response.ts";

// A 5 × 3 mask whose 15 bits straddle two bytes, so bit order and padding both show.
const mask = { width: 5, height: 3, data: Uint8Array.from([255, 0, 0, 0, 255, 0, 255, 255, 0, 0, 0, 0, 0, 0, 255]) };

function segmentOf() {
  const image = { width: 5, height: 3, bitDepth: 8 as const, data: new Uint8Array(15).fill(9) };
  const sc = secondaryCapture(image, undefined, "test");
  const seg = lesionSegmentation(
    mask,
    dicomParser.parseDicom(sc.bytes),
    { sopClassUid: SECONDARY_CAPTURE_SOP_CLASS, ...sc.uids },
    sc.uids.studyInstanceUid,
    "unit test",
  );
  return { sc, seg };
}

describe("DICOM Segmentation of the lesion mask", () => {
  it("packs one bit per pixel, first pixel in the least significant bit, to an even length", () => {
    // pixels 0, 4, 6, 7 in byte 0 (0b11010001); pixel 14 is bit 6 of byte 1
    expect(Array.from(packBits(mask))).toEqual([0b11010001, 0b01000000]);
  });

  it("is a binary SEG that dicom-parser reads: one frame, one segment, the Secondary Capture referenced", () => {
    const { sc, seg } = segmentOf();
    const ds = dicomParser.parseDicom(seg.bytes);
    expect(ds.string("x00080016")).toBe(SEGMENTATION_SOP_CLASS);
    expect(ds.string("x00080060")).toBe("SEG");
    expect(ds.string("x00620001")).toBe("BINARY");
    expect(ds.uint16("x00280100")).toBe(1);
    expect(ds.intString("x00280008")).toBe(1);
    expect(ds.string("x0020000d")).toBe(sc.uids.studyInstanceUid);
    expect(ds.string("x0020000e")).not.toBe(sc.uids.seriesInstanceUid);
    const pixels = ds.elements.x7fe00010!;
    expect(Array.from(seg.bytes.subarray(pixels.dataOffset, pixels.dataOffset + pixels.length))).toEqual(
      Array.from(packBits(mask)),
    );
    const frame = ds.elements.x52009230!.items![0]!.dataSet!;
    const derivation = frame.elements.x00089124!.items![0]!.dataSet!.elements.x00082112!.items![0]!.dataSet!;
    expect(derivation.string("x00081155")).toBe(sc.uids.sopInstanceUid);
    expect(frame.elements.x0062000a!.items![0]!.dataSet!.uint16("x0062000b")).toBe(1);
  });

  it("is read by dcmjs too, whose own segmentation reader unpacks the same mask", () => {
    const { seg } = segmentOf();
    const dicomData = dcmjs.data.DicomMessage.readFile(seg.bytes.slice().buffer as ArrayBuffer);
    const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dicomData.dict);
    expect(dataset.SOPClassUID).toBe(SEGMENTATION_SOP_CLASS);
    expect(dataset.SegmentSequence.SegmentLabel ?? dataset.SegmentSequence[0].SegmentLabel).toBe("Simulated lesion");
    expect(
      dataset.DimensionIndexSequence.DimensionIndexPointer ?? dataset.DimensionIndexSequence[0].DimensionIndexPointer,
    ).toBe(0x0062000b);
    const packed = new Uint8Array(Array.isArray(dataset.PixelData) ? dataset.PixelData[0] : dataset.PixelData);
    const unpacked = dcmjs.data.BitArray.unpack(packed);
    expect(Array.from(unpacked.subarray(0, 15), (v) => (v ? 255 : 0))).toEqual(Array.from(mask.data));
  });

  it("travels with the Secondary Capture as DICOMweb multipart/related", () => {
    const { sc, seg } = segmentOf();
    const body = new TextDecoder("latin1").decode(multipartRelated([sc.bytes, seg.bytes], "b1"));
    expect(body.startsWith("--b1\r\nContent-Type: application/dicom\r\n\r\n")).toBe(true);
    expect(body.split("--b1\r\n").length).toBe(3);
    expect(body.endsWith("\r\n--b1--\r\n")).toBe(true);
  });
});
