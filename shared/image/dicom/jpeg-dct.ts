import { CoreError } from "../../errors.ts";
import { buildHuffmanTable, jpegCorrupt, type HuffmanTable } from "./jpeg-huffman.ts";
import { decodeScan, ZIGZAG, type Component, type Frame } from "./jpeg-scan.ts";

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
