import { BitReader, jpegCorrupt, type HuffmanTable } from "./jpeg-huffman.ts";
import { idctBlock } from "./jpeg-idct.ts";

/** The entropy-coded part of a baseline / extended DCT JPEG (T.81 F.2): scans of 8x8 blocks into planes. */

/** Zig-zag index -> natural (row-major) index in an 8x8 block (T.81 figure A.6). */
export const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]);

export interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Decoded samples on the padded block grid, row-major, width blocksPerLine * 8. */
  plane: Uint16Array;
  pred: number;
}

function decodeBlock(
  reader: BitReader,
  c: Component,
  dcTable: HuffmanTable,
  acTable: HuffmanTable,
  coef: Int32Array,
): void {
  coef.fill(0);
  const t = reader.decode(dcTable);
  c.pred += reader.receiveExtend(t);
  coef[0] = c.pred;
  for (let k = 1; k < 64; ) {
    const rs = reader.decode(acTable);
    const s = rs & 15,
      r = rs >> 4;
    if (s === 0) {
      if (r !== 15) break;
      k += 16;
      continue;
    }
    k += r;
    if (k > 63) jpegCorrupt("AC coefficient index past 63");
    coef[ZIGZAG[k]!] = reader.receiveExtend(s);
    k++;
  }
}

export type Frame = {
  precision: number;
  width: number;
  height: number;
  hMax: number;
  vMax: number;
  comps: Component[];
};
export type ScanComponent = { comp: Component; q: Int32Array; dc: HuffmanTable; ac: HuffmanTable };

/** One sequential scan; returns the offset just after its entropy-coded data. */
export function decodeScan(
  data: Uint8Array,
  start: number,
  frame: Frame,
  scan: ScanComponent[],
  restartInterval: number,
): number {
  const reader = new BitReader(data, start);
  const coef = new Int32Array(64);
  const single = scan.length === 1;
  const first = scan[0]!.comp;
  // A non-interleaved scan covers only the component's own (unpadded) blocks (T.81 A.2.2).
  const unitsX = single
    ? Math.ceil(Math.ceil((frame.width * first.h) / frame.hMax) / 8)
    : Math.ceil(frame.width / (8 * frame.hMax));
  const unitsY = single
    ? Math.ceil(Math.ceil((frame.height * first.v) / frame.vMax) / 8)
    : Math.ceil(frame.height / (8 * frame.vMax));
  const total = unitsX * unitsY;
  for (const s of scan) s.comp.pred = 0;
  const max = (1 << frame.precision) - 1;
  const shift = 1 << (frame.precision - 1);
  for (let unit = 0; unit < total; unit++) {
    if (restartInterval > 0 && unit > 0 && unit % restartInterval === 0) {
      if (!reader.restart()) jpegCorrupt("restart marker missing");
      for (const s of scan) s.comp.pred = 0;
    }
    const ux = unit % unitsX,
      uy = Math.floor(unit / unitsX);
    for (const s of scan) {
      const c = s.comp;
      const bw = single ? 1 : c.h,
        bh = single ? 1 : c.v;
      for (let by = 0; by < bh; by++) {
        for (let bx = 0; bx < bw; bx++) {
          decodeBlock(reader, c, s.dc, s.ac, coef);
          const row = uy * bh + by,
            col = ux * bw + bx;
          idctBlock(coef, s.q, c.plane, (row * 8 * c.blocksPerLine + col) * 8, c.blocksPerLine * 8, shift, max);
        }
      }
    }
  }
  if (reader.markerHit && reader.offset >= data.length) jpegCorrupt("entropy-coded data is truncated");
  // Skip to the next marker that is not a restart marker or stuffed byte.
  let at = reader.offset;
  while (
    at + 1 < data.length &&
    !(data[at] === 0xff && data[at + 1] !== 0 && !(data[at + 1]! >= 0xd0 && data[at + 1]! <= 0xd7))
  )
    at++;
  return at;
}
