import { SELF } from "cloudflare:test";
import dicomParser from "dicom-parser";
import { describe, expect, inject, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../shared/encoding/base64.ts";
import { decodePng } from "../../shared/image/png-codec.ts";
import { writeDicom } from "../unit/image/dicom-writer.ts";
import { json } from "./fixtures.ts";

const files = inject("dicomFiles");
const SIDE = 48;
const synthetic = writeDicom({
  rows: SIDE,
  columns: SIDE,
  bitsAllocated: 16,
  pixels: Array.from({ length: SIDE * SIDE }, (_, i) => (i * 37) % 4000),
});

async function simulate(image: string, accept: string) {
  return SELF.fetch("http://api/v1/lesions/simulate", {
    ...json({ image, seed: 6, count: 1 }),
    headers: { "content-type": "application/json", accept },
  });
}

describe("DICOM out (Accept: application/dicom, application/dicom+json)", () => {
  it("returns a Secondary Capture whose pixels are exactly the PNG the JSON response carries", async () => {
    const image = encodeBase64(synthetic);
    const res = await simulate(image, "application/dicom");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/dicom");
    const ds = dicomParser.parseDicom(new Uint8Array(await res.arrayBuffer()));
    expect(ds.string("x00080016")).toBe("1.2.840.10008.5.1.4.1.1.7");
    expect(ds.string("x00080018")).toBe(res.headers.get("x-sop-instance-uid"));
    expect(ds.string("x0020000e")).toBe(res.headers.get("x-series-instance-uid"));
    expect(ds.string("x00082111")).toContain("seed 6");
    const pixel = ds.elements.x7fe00010!;
    const dicomPixels = new Uint16Array(ds.byteArray.slice(pixel.dataOffset, pixel.dataOffset + pixel.length).buffer);
    const body = (await (await simulate(image, "application/json")).json()) as { image: string };
    expect(Array.from(dicomPixels)).toEqual(Array.from(decodePng(decodeBase64(body.image, "/image")).data));
  });

  it("returns the boxes as DICOM JSON graphic annotations on the derived image", async () => {
    const res = await simulate(encodeBase64(synthetic), "application/dicom+json");
    expect(res.headers.get("content-type")).toBe("application/dicom+json");
    const [dataset] = (await res.json()) as Record<string, { vr: string; Value?: any[] }>[];
    expect(dataset!["00080018"]!.Value).toEqual([res.headers.get("x-sop-instance-uid")]);
    const objects = dataset!["00700001"]!.Value![0]["00700009"].Value as Record<string, { Value: any[] }>[];
    expect(objects).toHaveLength(1);
    expect(objects[0]!["00700023"]!.Value).toEqual(["POLYLINE"]);
    expect(objects[0]!["00700022"]!.Value).toHaveLength(10);
  });

  it.skipIf(!files["CT_small.dcm"])(
    "keeps the real input's patient and study and reports mm boxes from Pixel Spacing",
    async () => {
      const input = dicomParser.parseDicom(decodeBase64(files["CT_small.dcm"]!, "/image"));
      const res = await simulate(files["CT_small.dcm"]!, "application/dicom");
      const ds = dicomParser.parseDicom(new Uint8Array(await res.arrayBuffer()));
      for (const tag of ["x00100010", "x00100020", "x0020000d", "x00080020"])
        expect(ds.string(tag), tag).toBe(input.string(tag));
      expect(ds.string("x00080018")).not.toBe(input.string("x00080018"));
      expect(ds.string("x0020000e")).not.toBe(input.string("x0020000e"));
      expect(ds.elements.x00082112?.items?.[0]?.dataSet?.string("x00081155")).toBe(input.string("x00080018"));
      const body = (await (await simulate(files["CT_small.dcm"]!, "application/json")).json()) as any;
      const spacing = input.string("x00280030")!.split("\\").map(Number);
      expect(body.pixelSpacingMm).toEqual(spacing);
      const [x, , w] = body.lesions[0].bbox;
      expect(body.lesions[0].bboxMm[0]).toBeCloseTo(x * spacing[1]!, 3);
      expect(body.lesions[0].bboxMm[2]).toBeCloseTo(w * spacing[1]!, 3);
    },
  );

  it("adds the lesion mask as a DICOM Segmentation of the Secondary Capture with ?mask=seg (multipart/related)", async () => {
    const request = (accept: string) =>
      SELF.fetch("http://api/v1/lesions/simulate?mask=seg", {
        ...json({ image: encodeBase64(synthetic), seed: 6, count: 1 }),
        headers: { "content-type": "application/json", accept },
      });
    const res = await request("application/dicom");
    expect(res.status).toBe(200);
    const type = res.headers.get("content-type")!;
    expect(type).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    const boundary = type.split("boundary=")[1]!;
    const body = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder("latin1").decode(body);
    const starts = [...text.matchAll(new RegExp(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, "g"))].map(
      (m) => m.index! + m[0].length,
    );
    expect(starts).toHaveLength(2);
    const part = (k: number) => body.subarray(starts[k]!, text.indexOf(`\r\n--${boundary}`, starts[k]!));
    const sc = dicomParser.parseDicom(part(0));
    const seg = dicomParser.parseDicom(part(1));
    expect(sc.string("x00080018")).toBe(res.headers.get("x-sop-instance-uid"));
    expect(seg.string("x00080016")).toBe("1.2.840.10008.5.1.4.1.1.66.4");
    expect(seg.string("x00080018")).toBe(res.headers.get("x-segmentation-sop-instance-uid"));
    expect(seg.string("x0020000d")).toBe(sc.string("x0020000d"));
    const referenced = seg.elements.x00081115!.items![0]!.dataSet!.elements.x0008114a!.items![0]!.dataSet!;
    expect(referenced.string("x00081155")).toBe(sc.string("x00080018"));
    // the segmentation's bits are the JSON response's mask for the same seed
    const reply = (await (await simulate(encodeBase64(synthetic), "application/json")).json()) as { mask: string };
    const mask = decodePng(decodeBase64(reply.mask, "/mask"));
    const pixels = seg.elements.x7fe00010!;
    const bits = part(1).subarray(pixels.dataOffset, pixels.dataOffset + pixels.length);
    const unpacked = Array.from({ length: SIDE * SIDE }, (_, i) => ((bits[i >> 3]! >> (i & 7)) & 1 ? 255 : 0));
    expect(unpacked).toEqual(Array.from(mask.data));
    expect(unpacked.some((v) => v === 255)).toBe(true);

    const refused = await request("application/json");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toContain("Accept: application/dicom");
  });
});
