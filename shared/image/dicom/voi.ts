import type { DataSet } from "dicom-parser";
import { TAG } from "./dataset.ts";

const WHITE = 65535;

/** How modality values x map to 0..65535, as reported back to the caller. */
export type VoiUsed =
  | { kind: "lut"; entries: number; firstMapped: number; bits: number }
  | { kind: "window"; center: number; width: number; function: "LINEAR" | "LINEAR_EXACT" | "SIGMOID" }
  | { kind: "min-max"; min: number; max: number };

/** A VOI LUT (PS3.3 C.11.2.1.1) from the first item of the VOI LUT Sequence, if well formed. */
function voiLut(ds: DataSet): { map: (x: number) => number; used: VoiUsed } | undefined {
  const item = ds.elements[TAG.voiLutSequence]?.items?.[0]?.dataSet;
  if (!item) return undefined;
  const descriptor = item.elements[TAG.lutDescriptor];
  const data = item.elements[TAG.lutData];
  if (!descriptor || !data) return undefined;
  const entries = item.uint16(TAG.lutDescriptor, 0) || 65536; // 0 means 2^16 (C.11.2.1.1)
  // First Stored Pixel Value Mapped is US or SS depending on the pixel representation.
  const firstRaw = item.uint16(TAG.lutDescriptor, 1) ?? 0;
  const firstMapped = ds.uint16(TAG.pixelRepresentation) === 1 && firstRaw >= 32768 ? firstRaw - 65536 : firstRaw;
  const bits = item.uint16(TAG.lutDescriptor, 2) ?? 16;
  if (bits < 1 || bits > 16 || data.length < entries * 2) return undefined;
  const table = new Uint16Array(entries);
  for (let i = 0; i < entries; i++) table[i] = item.uint16(TAG.lutData, i) ?? 0;
  const scale = WHITE / (2 ** bits - 1);
  return {
    map: (x) => Math.round(table[Math.min(entries - 1, Math.max(0, Math.round(x) - firstMapped))]! * scale),
    used: { kind: "lut", entries, firstMapped, bits },
  };
}

/**
 * The VOI transform (PS3.3 C.11.2): the VOI LUT Sequence when present; else the FIRST Window
 * Center/Width pair (files often carry several presets; the first is the one the modality
 * proposes as default) with the VOI LUT Function: LINEAR (C.11.2.1.2.1, the default),
 * LINEAR_EXACT (C.11.2.1.3.2) or SIGMOID (C.11.2.1.3.1); else min..max of the frame's
 * modality values (`min`, `max`).
 */
export function voiTransform(ds: DataSet, min: number, max: number): { map: (x: number) => number; used: VoiUsed } {
  const lut = voiLut(ds);
  if (lut) return lut;
  const center = ds.floatString(TAG.windowCenter, 0);
  const width = ds.floatString(TAG.windowWidth, 0);
  const fn = (ds.string(TAG.voiLutFunction) ?? "LINEAR").trim().toUpperCase();
  if (center !== undefined && width !== undefined && Number.isFinite(center) && Number.isFinite(width) && width > 0) {
    if (fn === "SIGMOID") {
      return { map: (x) => Math.round(WHITE / (1 + Math.exp((-4 * (x - center)) / width))), used: { kind: "window", center, width, function: "SIGMOID" } };
    }
    if (fn === "LINEAR_EXACT") {
      return {
        map: (x) => Math.round(Math.min(1, Math.max(0, (x - center) / width + 0.5)) * WHITE),
        used: { kind: "window", center, width, function: "LINEAR_EXACT" },
      };
    }
    if (width >= 1) {
      const lo = center - 0.5 - (width - 1) / 2;
      const hi = center - 0.5 + (width - 1) / 2;
      return {
        map: (x) => (x <= lo ? 0 : x > hi ? WHITE : Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * WHITE)),
        used: { kind: "window", center, width, function: "LINEAR" },
      };
    }
  }
  const gain = max > min ? WHITE / (max - min) : 0;
  return { map: (x) => Math.round((x - min) * gain), used: { kind: "min-max", min, max } };
}
