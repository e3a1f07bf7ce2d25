import type { DataSet } from "dicom-parser";
import { TAG } from "./dataset.ts";

const WHITE = 65535;

/**
 * Output units reserved at each end for values outside a linear window when they are kept
 * (`outOfWindow: "keep"`, the default): 4096 of 65535 (6.25 %), so the window itself still
 * spans 87.5-100 % of the scale and the map stays monotone and invertible.
 */
export const WINDOW_TAIL = 4096;

export type OutOfWindow = "keep" | "clip";

/** How modality values x map to 0..65535, as reported back to the caller. */
export type VoiUsed =
  | { kind: "lut"; entries: number; firstMapped: number; bits: number }
  | {
      kind: "window";
      center: number;
      width: number;
      function: "LINEAR" | "LINEAR_EXACT" | "SIGMOID";
      tails?: [number, number];
    }
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
 * LINEAR_EXACT (C.11.2.1.3.2) or SIGMOID (C.11.2.1.3.1; it never clips); linear windows
 * keep out-of-window values in reserved tails unless `outOfWindow` is "clip"; else min..max of the frame's
 * modality values (`min`, `max`).
 */
/**
 * A linear window [lo, hi] -> 0..1 (`inside`), clipped, or with the data outside the window
 * kept: min..lo onto [0, T) and hi..max onto (65535 - T, 65535], T = WINDOW_TAIL, the window
 * onto the rest. Tails are reserved only on the sides where data actually lies outside.
 */
function linearWindow(
  inside: (x: number) => number,
  lo: number,
  hi: number,
  min: number,
  max: number,
  outOfWindow: OutOfWindow,
) {
  const below = outOfWindow === "keep" && min < lo ? WINDOW_TAIL : 0;
  const above = outOfWindow === "keep" && max > hi ? WINDOW_TAIL : 0;
  const span = WHITE - below - above;
  const map = (x: number) => {
    if (below > 0 && x < lo) return Math.min(below - 1, Math.round((below * (x - min)) / (lo - min)));
    if (above > 0 && x > hi)
      return Math.max(WHITE - above + 1, Math.round(WHITE - above + (above * (x - hi)) / (max - hi)));
    return Math.round(below + Math.min(1, Math.max(0, inside(x))) * span);
  };
  return { map, tails: [below, above] as [number, number] };
}

export function voiTransform(
  ds: DataSet,
  min: number,
  max: number,
  outOfWindow: OutOfWindow = "keep",
): { map: (x: number) => number; used: VoiUsed } {
  const lut = voiLut(ds);
  if (lut) return lut;
  const center = ds.floatString(TAG.windowCenter, 0);
  const width = ds.floatString(TAG.windowWidth, 0);
  const fn = (ds.string(TAG.voiLutFunction) ?? "LINEAR").trim().toUpperCase();
  if (center !== undefined && width !== undefined && Number.isFinite(center) && Number.isFinite(width) && width > 0) {
    if (fn === "SIGMOID") {
      return {
        map: (x) => Math.round(WHITE / (1 + Math.exp((-4 * (x - center)) / width))),
        used: { kind: "window", center, width, function: "SIGMOID" },
      };
    }
    if (fn === "LINEAR_EXACT") {
      const { map, tails } = linearWindow(
        (x) => (x - center) / width + 0.5,
        center - width / 2,
        center + width / 2,
        min,
        max,
        outOfWindow,
      );
      return { map, used: { kind: "window", center, width, function: "LINEAR_EXACT", tails } };
    }
    if (width >= 1) {
      // C.11.2.1.2.1: 0 at x <= c - 0.5 - (w - 1) / 2, full scale at x > c - 0.5 + (w - 1) / 2
      const lo = center - 0.5 - (width - 1) / 2;
      const hi = center - 0.5 + (width - 1) / 2;
      const inside = (x: number) => (x <= lo ? 0 : x > hi ? 1 : (x - (center - 0.5)) / (width - 1) + 0.5);
      const { map, tails } = linearWindow(inside, lo, hi, min, max, outOfWindow);
      return { map, used: { kind: "window", center, width, function: "LINEAR", tails } };
    }
  }
  const gain = max > min ? WHITE / (max - min) : 0;
  return { map: (x) => Math.round((x - min) * gain), used: { kind: "min-max", min, max } };
}
