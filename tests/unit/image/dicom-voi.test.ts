import { describe, expect, it } from "vitest";
import { decodeDicom } from "../../../shared/image/index.ts";
import { writeDicom, type DicomSpec } from "./dicom-writer.ts";

const pixels = [0, 50, 100, 150, 200, 1000];
const base: DicomSpec = { rows: 2, columns: 3, bitsAllocated: 16, pixels };
const decode = (spec: Partial<DicomSpec>, outOfWindow: "keep" | "clip" = "clip") =>
  Array.from(decodeDicom(writeDicom({ ...base, ...spec }), { outOfWindow }).data);

describe("DICOM VOI (PS3.3 C.11.2)", () => {
  it("applies SIGMOID: y = 65535 / (1 + exp(-4 (x - c) / w)), out-of-window values not clipped flat", () => {
    const y = decode({ windowCenter: 100, windowWidth: 100, voiLutFunction: "SIGMOID" });
    expect(y).toEqual(pixels.map((x) => Math.round(65535 / (1 + Math.exp((-4 * (x - 100)) / 100)))));
    expect(new Set(y.slice(0, 5)).size).toBe(5); // 0 and 200 lie outside [50, 150] yet stay distinct
    expect(decode({ windowCenter: 100, windowWidth: 100, voiLutFunction: "SIGMOID" }, "keep")).toEqual(y); // never clips: no tails
  });

  it("applies LINEAR_EXACT: y = clamp((x - c) / w + 0.5) * 65535", () => {
    expect(decode({ windowCenter: 100, windowWidth: 200, voiLutFunction: "LINEAR_EXACT" })).toEqual(
      pixels.map((x) => Math.round(Math.min(1, Math.max(0, (x - 100) / 200 + 0.5)) * 65535)),
    );
  });

  it("uses the FIRST pair of multi-valued Window Center/Width", () => {
    const first = decode({ windowCenter: 100, windowWidth: 101 });
    expect(decode({ windowCenter: "100\\500", windowWidth: "101\\2000" })).toEqual(first);
    expect(decode({ windowCenter: "500\\100", windowWidth: "2000\\101" })).not.toEqual(first);
  });
});
