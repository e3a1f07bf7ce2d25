import type { BinaryMask, GrayImage } from "./gray-image.ts";

/**
 * Per output index o, the input indices index[offset[o]..offset[o+1]) and their weights (summing
 * to 1). Downscaling averages the input footprint [o·s, (o+1)·s) with fractional edge weights, so
 * fine texture does not alias when a 1,600 px radiograph becomes a 256 px training image;
 * upscaling interpolates linearly between the two nearest input pixel centres.
 */
function axisWeights(from: number, to: number): { index: Int32Array; weight: Float64Array; offset: Int32Array } {
  const scale = from / to;
  const offset = new Int32Array(to + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < to; o++) {
    offset[o] = index.length;
    if (scale >= 1) {
      const [a, b] = [o * scale, (o + 1) * scale];
      for (let i = Math.floor(a); i < Math.min(from, Math.ceil(b)); i++) {
        const w = Math.min(b, i + 1) - Math.max(a, i);
        if (w > 1e-12) index.push(i), weight.push(w / scale);
      }
    } else {
      const centre = Math.min(from - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const i = Math.floor(centre);
      index.push(i, Math.min(from - 1, i + 1));
      weight.push(1 - (centre - i), centre - i);
    }
  }
  offset[to] = index.length;
  return { index: Int32Array.from(index), weight: Float64Array.from(weight), offset };
}

function resample(src: ArrayLike<number>, width: number, height: number, outW: number, outH: number): Float64Array {
  const x = axisWeights(width, outW);
  const y = axisWeights(height, outH);
  const rows = new Float64Array(height * outW); // horizontal pass first
  for (let r = 0; r < height; r++) {
    for (let o = 0; o < outW; o++) {
      let s = 0;
      for (let k = x.offset[o]!; k < x.offset[o + 1]!; k++) s += x.weight[k]! * src[r * width + x.index[k]!]!;
      rows[r * outW + o] = s;
    }
  }
  const out = new Float64Array(outW * outH);
  for (let o = 0; o < outH; o++) {
    for (let k = y.offset[o]!; k < y.offset[o + 1]!; k++) {
      const w = y.weight[k]!;
      const base = y.index[k]! * outW;
      for (let c = 0; c < outW; c++) out[o * outW + c]! += w * rows[base + c]!;
    }
  }
  return out;
}

/** The resized values of a gray image before rounding (e.g. as a network's float input). */
export function resampleGray(image: GrayImage, outW: number, outH: number): Float64Array {
  return resample(image.data, image.width, image.height, outW, outH);
}

/** Resizes a gray image to outW × outH by area averaging (down) or bilinear interpolation (up). */
export function resizeGray(image: GrayImage, outW: number, outH: number): GrayImage {
  const values = resampleGray(image, outW, outH);
  const max = image.bitDepth === 8 ? 255 : 65535;
  const data = image.bitDepth === 8 ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.min(max, Math.max(0, Math.round(values[i]!)));
  return { width: outW, height: outH, bitDepth: image.bitDepth, data } as GrayImage;
}

/** Resizes a binary mask: a pixel is inside when at least half of its footprint was inside. */
export function resizeMask(mask: BinaryMask, outW: number, outH: number): BinaryMask {
  const inside = new Uint8Array(mask.data.length);
  for (let i = 0; i < inside.length; i++) inside[i] = mask.data[i] !== 0 ? 1 : 0;
  const values = resample(inside, mask.width, mask.height, outW, outH);
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i]! >= 0.5 ? 255 : 0;
  return { width: outW, height: outH, data };
}
