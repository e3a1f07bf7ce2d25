import dicomParser from "dicom-parser";
import { describe, expect, it } from "vitest";
import { decodeImage } from "../../../shared/image/index.ts";
import { readDicomFrame } from "../../../shared/image/dicom-codec.ts";
import { secondaryCapture } from "../../../shared/image/dicom-out/secondary-capture.ts";
import { toDicomJson } from "../../../shared/image/dicom-out/dicom-json.ts";
import { writeDicom } from "./dicom-writer.ts";

const UID = /^2\.25\.[1-9]\d*$/;

describe("Secondary Capture writer (round trip through dicom-parser)", () => {
  const image = { width: 3, height: 2, bitDepth: 16 as const, data: Uint16Array.of(0, 1, 258, 4000, 65534, 65535) };

  it("writes a parseable Part 10 file whose pixels, UIDs and derivation are as specified", async () => {
    const source = (
      await readDicomFrame(writeDicom({ rows: 2, columns: 3, bitsAllocated: 16, pixels: [1, 2, 3, 4, 5, 6] }))
    ).dataSet;
    const { bytes, uids } = secondaryCapture(image, source, "Simulated lesions, seed 3");
    const ds = dicomParser.parseDicom(bytes);
    expect(ds.string("x00020010")).toBe("1.2.840.10008.1.2.1");
    expect(ds.string("x00080016")).toBe("1.2.840.10008.5.1.4.1.1.7");
    expect(ds.string("x00080018")).toBe(uids.sopInstanceUid);
    expect(ds.string("x00020003")).toBe(uids.sopInstanceUid);
    expect(uids.sopInstanceUid).toMatch(UID);
    expect(uids.seriesInstanceUid).toMatch(UID);
    expect(uids.seriesInstanceUid).not.toBe(uids.sopInstanceUid);
    expect(ds.string("x00080008")).toBe("DERIVED\\SECONDARY");
    expect(ds.string("x00082111")).toBe("Simulated lesions, seed 3");
    // the test writer puts no SOP Instance UID (0008,0018) in the data set: nothing to reference
    expect(ds.elements.x00082112).toBeUndefined();
    // pixels exactly as given, and decodable by our own reader
    expect(Array.from((await readDicomFrame(bytes)).values)).toEqual(Array.from(image.data));
    expect(decodeImage(bytes).width).toBe(3);
  });

  it("keeps the input's patient and study, references the source image, and makes new UIDs each time", async () => {
    const { bytes: first } = secondaryCapture(image, undefined, "x");
    const source = dicomParser.parseDicom(first); // a derived object as the next input
    const a = secondaryCapture(image, source, "again");
    const b = secondaryCapture(image, source, "again");
    const ds = dicomParser.parseDicom(a.bytes);
    expect(ds.string("x0020000d")).toBe(source.string("x0020000d")); // same study
    expect(a.uids.sopInstanceUid).not.toBe(b.uids.sopInstanceUid);
    expect(ds.string("x0020000e")).not.toBe(source.string("x0020000e"));
    const ref = ds.elements.x00082112?.items?.[0]?.dataSet;
    expect(ref?.string("x00081155")).toBe(source.string("x00080018"));
    expect(ref?.string("x00081150")).toBe("1.2.840.10008.5.1.4.1.1.7");
  });

  it("gives the DICOM JSON model without bulk data", () => {
    const { elements } = secondaryCapture(image, undefined, "x");
    const json = toDicomJson(elements);
    expect(json["00080016"]).toEqual({ vr: "UI", Value: ["1.2.840.10008.5.1.4.1.1.7"] });
    expect(json["00280010"]).toEqual({ vr: "US", Value: [2] });
    expect(json["7FE00010"]).toBeUndefined();
    expect(json["00100010"]).toEqual({ vr: "PN" }); // type 2, empty
  });
});
