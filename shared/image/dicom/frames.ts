import dicomParser from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { CoreError } from "../../errors.ts";
import { dicomCorrupt, guarded, type ImageAttributes } from "./dataset.ts";

/** The 0-based frame index, checked against Number of Frames. */
export function checkFrame(frame: number, attributes: ImageAttributes): number {
  if (!Number.isInteger(frame) || frame < 0 || frame >= attributes.frames) {
    throw new CoreError(
      "invalid-input",
      `frame ${frame} does not exist; this object has ${attributes.frames} frame(s), numbered from 0`,
      [{ pointer: "/frame", detail: `must be an integer in 0..${attributes.frames - 1}` }],
    );
  }
  return frame;
}

/** Bytes of one native (uncompressed) frame, checked against the declared geometry. */
export function nativeFrameBytes(ds: DataSet, a: ImageAttributes, frame: number): Uint8Array {
  const frameBytes = a.rows * a.columns * a.samplesPerPixel * (a.bitsAllocated / 8);
  const el = a.pixelElement;
  const start = el.dataOffset + frame * frameBytes;
  const available = Math.min(el.length, ds.byteArray.length - el.dataOffset);
  if ((frame + 1) * frameBytes > available) {
    dicomCorrupt(
      `Pixel Data holds ${available} bytes; frame ${frame} of Rows x Columns x Samples needs bytes up to ${(frame + 1) * frameBytes}`,
    );
  }
  return ds.byteArray.subarray(start, start + frameBytes);
}

/**
 * Bytes of one encapsulated frame (PS3.5 A.4): by the Basic Offset Table when present, else one
 * fragment per frame, else (single frame) all fragments joined.
 */
export function encapsulatedFrameBytes(ds: DataSet, a: ImageAttributes, frame: number): Uint8Array {
  const el = a.pixelElement;
  const fragments = el.fragments ?? [];
  if (fragments.length === 0) dicomCorrupt("encapsulated Pixel Data has no fragments");
  const end = ds.byteArray.length;
  for (const f of fragments)
    if (f.position + f.length > end) dicomCorrupt("a pixel data fragment runs past the end of the file");
  return guarded("encapsulated frame", () => {
    if (el.basicOffsetTable && el.basicOffsetTable.length > 0) {
      return dicomParser.readEncapsulatedImageFrame(ds, el, frame) as Uint8Array;
    }
    if (a.frames === 1)
      return dicomParser.readEncapsulatedPixelDataFromFragments(ds, el, 0, fragments.length) as Uint8Array;
    if (fragments.length === a.frames)
      return dicomParser.readEncapsulatedPixelDataFromFragments(ds, el, frame, 1) as Uint8Array;
    throw new CoreError(
      "unsupported-image",
      `DICOM multi-frame encapsulated data with ${fragments.length} fragments for ${a.frames} frames and no offset table is not supported`,
    );
  });
}
