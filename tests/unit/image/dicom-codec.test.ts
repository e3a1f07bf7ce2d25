import { describe, expect, it } from "vitest";
import { CoreError } from "../../../shared/errors.ts";
import { decodeDicom, decodeImage, sniffImageFormat } from "../../../shared/image/index.ts";
import { writeDicom, type DicomSpec } from "./dicom-writer.ts";

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    return `raw ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return "no error";
}

/** The decoder's documented min-max window, re-derived: y = round((x - min) * 65535 / (max - min)). */
function minMaxWindow(xs: number[]): number[] {
  const min = Math.min(...xs),
    max = Math.max(...xs);
  return xs.map((x) => Math.round((x - min) * (65535 / (max - min))));
}

const base: DicomSpec = { rows: 2, columns: 3, bitsAllocated: 16, pixels: [0, 100, 200, 300, 400, 1000] };

describe("DICOM decode", () => {
  it("sniffs DICM at offset 128", () => {
    expect(sniffImageFormat(writeDicom(base))).toBe("dicom");
  });

  it("applies rescale slope/intercept, then windows min..max to 0..65535 (MONOCHROME2, unsigned)", () => {
    const image = decodeImage(writeDicom({ ...base, slope: 2, intercept: -50 }));
    expect(image.bitDepth).toBe(16);
    expect([image.width, image.height]).toEqual([3, 2]);
    const x = base.pixels.map((s) => 2 * s - 50);
    expect(Array.from(image.data)).toEqual(minMaxWindow(x));
  });

  it("inverts MONOCHROME1 and reads signed 12-bit values with a negative intercept", () => {
    const pixels = [-2048, -1, 0, 1, 1000, 2047];
    const image = decodeImage(
      writeDicom({
        ...base,
        pixels,
        signed: true,
        bitsStored: 12,
        photometric: "MONOCHROME1",
        slope: 1,
        intercept: -1024,
      }),
    );
    const expected = minMaxWindow(pixels.map((s) => s - 1024)).map((y) => 65535 - y);
    expect(Array.from(image.data)).toEqual(expected);
    expect(image.data[0]).toBe(65535); // the most negative value is white after inversion
  });

  it("uses the file's VOI window (PS3.3 C.11.2.1.2.1) when present, clipped on request", () => {
    const c = 600,
      w = 401;
    const image = decodeDicom(writeDicom({ ...base, slope: 1, intercept: 0, windowCenter: c, windowWidth: w }), {
      outOfWindow: "clip",
    });
    const expected = base.pixels.map((x) => {
      if (x <= c - 0.5 - (w - 1) / 2) return 0;
      if (x > c - 0.5 + (w - 1) / 2) return 65535;
      return Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 65535);
    });
    expect(Array.from(image.data)).toEqual(expected);
    expect(expected).toEqual([0, 0, 0, 0, 82, 65535]); // ((400 - 599.5) / 400 + 0.5) * 65535 = 81.9
  });

  it("keeps out-of-window values by default: min..lo onto [0, 4096), hi..max onto (61439, 65535], the window between", () => {
    const c = 600,
      w = 401; // window 399.5..799.5; data 0..1000 lies on both sides
    const image = decodeImage(writeDicom({ ...base, slope: 1, intercept: 0, windowCenter: c, windowWidth: w }));
    const lo = c - 0.5 - (w - 1) / 2,
      hi = c - 0.5 + (w - 1) / 2,
      T = 4096;
    const expected = base.pixels.map((x) => {
      if (x < lo) return Math.min(T - 1, Math.round((T * (x - 0)) / (lo - 0)));
      if (x > hi) return Math.max(65535 - T + 1, Math.round(65535 - T + (T * (x - hi)) / (1000 - hi)));
      return Math.round(T + (x <= lo ? 0 : (x - (c - 0.5)) / (w - 1) + 0.5) * (65535 - 2 * T));
    });
    expect(Array.from(image.data)).toEqual(expected);
    expect(new Set(image.data).size).toBe(6); // 0, 100, 200, 300 no longer collapse to black
  });

  it("decodes 8-bit, implicit VR LE and explicit VR BE the same way", () => {
    const pixels = [3, 9, 27, 81, 243, 0];
    const expected = minMaxWindow(pixels);
    for (const transferSyntax of ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"]) {
      for (const bitsAllocated of [8, 16] as const) {
        const image = decodeImage(writeDicom({ ...base, pixels, bitsAllocated, transferSyntax }));
        expect(Array.from(image.data), `${transferSyntax} ${bitsAllocated}-bit`).toEqual(expected);
      }
    }
  });

  it("refuses an unknown transfer syntax with unsupported-transfer-syntax naming its UID", () => {
    try {
      decodeImage(writeDicom({ ...base, transferSyntax: "1.2.840.10008.1.2.4.201" })); // HTJ2K
      expect.unreachable();
    } catch (e) {
      expect((e as CoreError).code).toBe("unsupported-transfer-syntax");
      expect((e as CoreError).message).toContain("1.2.840.10008.1.2.4.201");
    }
  });

  it("reports corrupt-image for a compressed syntax whose Pixel Data is not encapsulated", () => {
    expect(codeOf(() => decodeImage(writeDicom({ ...base, transferSyntax: "1.2.840.10008.1.2.4.50" })))).toBe(
      "corrupt-image",
    );
  });

  it("sends deflate to the asynchronous decoder instead of inflating synchronously", () => {
    expect(codeOf(() => decodeImage(writeDicom({ ...base, transferSyntax: "1.2.840.10008.1.2.1.99" })))).toBe(
      "unsupported-transfer-syntax",
    );
  });

  it("converts 3-sample RGB to BT.601 luminance scaled from the stored range; other layouts are refused", () => {
    const rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128];
    const image = decodeImage(
      writeDicom({ ...base, bitsAllocated: 8, photometric: "RGB", samplesPerPixel: 3, pixels: rgb }),
    );
    const y = [0.299 * 255, 0.587 * 255, 0.114 * 255, 255, 0, 128].map((v) =>
      Math.round((Math.round(v) * 65535) / 255),
    );
    expect(Array.from(image.data)).toEqual(y);
    expect(codeOf(() => decodeImage(writeDicom({ ...base, photometric: "RGB" })))).toBe("unsupported-image");
    expect(codeOf(() => decodeImage(writeDicom({ ...base, samplesPerPixel: 2 })))).toBe("unsupported-image");
    expect(codeOf(() => decodeImage(writeDicom({ ...base, samplesPerPixel: 3, photometric: "RGB" })))).toBe(
      "corrupt-image",
    ); // 6 values for 18 samples
  });

  it("reports corrupt-image when Pixel Data is shorter than Rows x Columns or the file is cut", () => {
    expect(codeOf(() => decodeImage(writeDicom({ ...base, truncatePixelBytes: 4 })))).toBe("corrupt-image");
    const full = writeDicom(base);
    for (const cut of [140, 200, full.length - 5]) {
      expect(
        codeOf(() => decodeImage(full.subarray(0, cut))),
        `cut at ${cut}`,
      ).toBe("corrupt-image");
    }
  });

  it("reports image-too-large from Rows/Columns", () => {
    expect(codeOf(() => decodeImage(writeDicom(base), { maxPixels: 5 }))).toBe("image-too-large");
  });

  it("maps a constant image to 0 rather than dividing by zero", () => {
    const image = decodeImage(writeDicom({ ...base, pixels: [7, 7, 7, 7, 7, 7] }));
    expect(Array.from(image.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
