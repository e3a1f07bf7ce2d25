import { CoreError } from "../../errors.ts";
import { BitReader, buildHuffmanTable, jpegCorrupt, type HuffmanTable } from "./jpeg-huffman.ts";
import { idctBlock } from "./jpeg-idct.ts";

/** Zig-zag index -> natural (row-major) index in an 8x8 block (T.81 figure A.6). */
const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]);

interface Component {
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

export interface JpegImage {
  width: number;
  height: number;
  precision: number;
  /** Samples interleaved per pixel (1 or 3 components), as the frame codes them (no colour transform). */
  data: Uint16Array;
  components: number;
}

const u16 = (d: Uint8Array, at: number) => (d[at]! << 8) | d[at + 1]!;

/**
 * A sequential DCT JPEG decoder (ITU-T T.81 processes 1, 2 and 4: Huffman coding, 8- or 12-bit
 * samples), written here because no maintained JavaScript decoder reads 12-bit JPEG Extended,
 * which DICOM transfer syntax 1.2.840.10008.1.2.4.51 carries. Each block is inverse-transformed
 * as soon as its scan decodes it, so no coefficient buffer is kept. Progressive, hierarchical
 * and arithmetic-coded frames are refused as unsupported.
 */
export function decodeJpegDct(data: Uint8Array, maxPixels: number): JpegImage {
  if (u16(data, 0) !== 0xffd8) jpegCorrupt("frame does not start with SOI");
  const quant: Int32Array[] = [];
  const dc: HuffmanTable[] = [];
  const ac: HuffmanTable[] = [];
  let frame:
    | { precision: number; width: number; height: number; hMax: number; vMax: number; comps: Component[] }
    | undefined;
  let restartInterval = 0;
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) jpegCorrupt(`expected a marker at byte ${at}`);
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9) break; // EOI
    const length = u16(data, at + 2);
    const body = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > data.length) jpegCorrupt(`marker 0xFF${marker.toString(16)} runs past the data`);
    if (marker === 0xdb) {
      for (let p = body; p < end; ) {
        const wide = data[p]! >> 4,
          id = data[p]! & 15;
        p++;
        const table = new Int32Array(64);
        for (let k = 0; k < 64; k++, p += wide ? 2 : 1) table[ZIGZAG[k]!] = wide ? u16(data, p) : data[p]!;
        quant[id] = table;
      }
    } else if (marker === 0xc4) {
      for (let p = body; p < end; ) {
        const cls = data[p]! >> 4,
          id = data[p]! & 15;
        const counts = data.subarray(p + 1, p + 17);
        const total = counts.reduce((s, n) => s + n, 0);
        const table = buildHuffmanTable(counts, data.slice(p + 17, p + 17 + total));
        (cls === 0 ? dc : ac)[id] = table;
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(data, body);
    } else if (marker === 0xc0 || marker === 0xc1) {
      const precision = data[body]!;
      const height = u16(data, body + 1),
        width = u16(data, body + 3),
        n = data[body + 5]!;
      if (precision !== 8 && precision !== 12) jpegCorrupt(`sample precision ${precision} is not 8 or 12`);
      if (!width || !height || (n !== 1 && n !== 3))
        jpegCorrupt(`frame ${width}x${height} with ${n} components is not decodable`);
      if (width * height > maxPixels)
        throw new CoreError("image-too-large", `JPEG frame ${width}x${height} exceeds the pixel cap`);
      const raw = Array.from({ length: n }, (_, i) => ({
        id: data[body + 6 + 3 * i]!,
        h: data[body + 7 + 3 * i]! >> 4,
        v: data[body + 7 + 3 * i]! & 15,
        tq: data[body + 8 + 3 * i]!,
      }));
      if (raw.some((c) => c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4)) jpegCorrupt("sampling factor outside 1..4");
      const hMax = Math.max(...raw.map((c) => c.h)),
        vMax = Math.max(...raw.map((c) => c.v));
      const mcusX = Math.ceil(width / (8 * hMax)),
        mcusY = Math.ceil(height / (8 * vMax));
      const comps = raw.map((c) => {
        const blocksPerLine = mcusX * c.h,
          blocksPerColumn = mcusY * c.v;
        return {
          ...c,
          blocksPerLine,
          blocksPerColumn,
          plane: new Uint16Array(blocksPerLine * blocksPerColumn * 64),
          pred: 0,
        };
      });
      frame = { precision, width, height, hMax, vMax, comps };
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      throw new CoreError(
        "unsupported-transfer-syntax",
        `JPEG frame type SOF${marker - 0xc0} (progressive, lossless, hierarchical or arithmetic) is not supported in a DCT syntax`,
      );
    } else if (marker === 0xda) {
      if (!frame) jpegCorrupt("scan before the frame header");
      const ns = data[body]!;
      const scan = Array.from({ length: ns }, (_, i) => {
        const comp = frame!.comps.find((c) => c.id === data[body + 1 + 2 * i]);
        const tables = data[body + 2 + 2 * i]!;
        const q = comp ? quant[comp.tq] : undefined;
        const d = dc[tables >> 4],
          a = ac[tables & 15];
        if (!comp || !q || !d || !a) jpegCorrupt("scan names a component or table that was never defined");
        return { comp, q, dc: d, ac: a };
      });
      at = decodeScan(data, end, frame, scan, restartInterval);
      continue;
    }
    at = end;
  }
  if (!frame) jpegCorrupt("has no frame header");
  return assemble(frame);
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

type Frame = { precision: number; width: number; height: number; hMax: number; vMax: number; comps: Component[] };
type ScanComponent = { comp: Component; q: Int32Array; dc: HuffmanTable; ac: HuffmanTable };

/** One sequential scan; returns the offset just after its entropy-coded data. */
function decodeScan(
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

/** Crops the padded planes and replicates subsampled components to full resolution. */
function assemble(frame: Frame): JpegImage {
  const { width, height, comps, hMax, vMax } = frame;
  const n = comps.length;
  const out = new Uint16Array(width * height * n);
  comps.forEach((c, k) => {
    const stride = c.blocksPerLine * 8;
    const sx = c.h / hMax,
      sy = c.v / vMax;
    for (let y = 0; y < height; y++) {
      const srcRow = Math.floor(y * sy) * stride;
      for (let x = 0; x < width; x++) out[(y * width + x) * n + k] = c.plane[srcRow + Math.floor(x * sx)]!;
    }
  });
  return { width, height, precision: frame.precision, data: out, components: n };
}
