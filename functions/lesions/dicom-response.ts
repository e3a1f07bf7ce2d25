import type { DataSet } from "dicom-parser";
import { boxAnnotations, toDicomJson } from "../../shared/image/dicom-out/dicom-json.ts";
import { concat } from "../../shared/image/dicom-out/part10-writer.ts";
import { secondaryCapture } from "../../shared/image/dicom-out/secondary-capture.ts";
import { lesionSegmentation } from "../../shared/image/dicom-out/segmentation.ts";
import { SECONDARY_CAPTURE_SOP_CLASS } from "../../shared/image/dicom-out/uid.ts";
import type { SimulationResult } from "../../shared/lesion/simulate-lesions.ts";

/** Pixel Spacing (0028,0030) of the input as [row spacing, column spacing] in mm, if valid. */
export function pixelSpacing(source: DataSet | undefined): [number, number] | undefined {
  const parts = source?.string("x00280030")?.split("\\").map(Number);
  if (!parts || parts.length < 2 || !parts.every((v) => Number.isFinite(v) && v > 0)) return undefined;
  return [parts[0]!, parts[1]!];
}

/** Box [x, y, w, h] and radius in mm; the radius uses the geometric mean of the two spacings. */
export function inMillimetres(bbox: [number, number, number, number], radius: number, [row, col]: [number, number]) {
  const [x, y, w, h] = bbox;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return {
    bboxMm: [r(x * col), r(y * row), r(w * col), r(h * row)] as [number, number, number, number],
    radiusMm: r(radius * Math.sqrt(row * col)),
  };
}

function derivationText(result: SimulationResult, seed: number): string {
  const boxes = result.lesions.map((l) => `[${l.bbox.join(",")}]`).join(" ");
  return `Simulated pneumonia lesions (Suzuki, Hanaoka & Sato 2022 fractal Perlin model), compositing "${result.model}", seed ${seed}, ${result.lesions.length} lesion(s), boxes [x,y,w,h] px: ${boxes}`;
}

/**
 * Accept: application/dicom -> a Secondary Capture of the composite (keeps the input's patient
 * and study; new SOP and Series Instance UIDs in X-SOP-Instance-UID / X-Series-Instance-UID).
 * Accept: application/dicom+json -> the DICOM JSON model of that object's attributes (no pixel
 * data) with the lesion boxes as a Graphic Annotation Sequence on it.
 */
export function dicomResponse(
  kind: "dicom" | "dicom-json",
  result: SimulationResult,
  source: DataSet | undefined,
  seed: number,
  withSegmentation = false,
): Response {
  const sc = secondaryCapture(result.image, source, derivationText(result, seed));
  const headers = {
    "X-Seed": String(seed),
    "X-Compositing-Model": result.model,
    "X-SOP-Instance-UID": sc.uids.sopInstanceUid,
    "X-Series-Instance-UID": sc.uids.seriesInstanceUid,
  };
  if (kind === "dicom" && withSegmentation) {
    const segmented = {
      sopClassUid: SECONDARY_CAPTURE_SOP_CLASS,
      sopInstanceUid: sc.uids.sopInstanceUid,
      seriesInstanceUid: sc.uids.seriesInstanceUid,
    };
    const seg = lesionSegmentation(
      result.mask,
      source,
      segmented,
      sc.uids.studyInstanceUid,
      `probable-edge lesion simulator, seed ${seed}`,
    );
    const boundary = `dicom-${sc.uids.sopInstanceUid.slice(-16)}`;
    return new Response(multipartRelated([sc.bytes, seg.bytes], boundary) as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        "content-type": `multipart/related; type="application/dicom"; boundary=${boundary}`,
        ...headers,
        "X-Segmentation-SOP-Instance-UID": seg.uids.sopInstanceUid,
      },
    });
  }
  if (kind === "dicom") {
    return new Response(sc.bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { "content-type": "application/dicom", ...headers },
    });
  }
  const annotations = boxAnnotations(
    result.lesions.map((l) => l.bbox),
    SECONDARY_CAPTURE_SOP_CLASS,
    sc.uids.sopInstanceUid,
  );
  const body = JSON.stringify([toDicomJson([...sc.elements, annotations])]);
  return new Response(body, { status: 200, headers: { "content-type": "application/dicom+json", ...headers } });
}

/** Parts as a DICOMweb multipart/related body (PS3.18 8.6.1.2), each part application/dicom. */
export function multipartRelated(parts: Uint8Array[], boundary: string): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(
      encoder.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      part,
      encoder.encode("\r\n"),
    );
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return concat(chunks);
}
