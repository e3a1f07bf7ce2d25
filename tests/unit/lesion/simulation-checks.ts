import type { BinaryMask, GrayImage } from "../../../shared/image/gray-image.ts";
import type { SimulationResult } from "../../../shared/lesion/simulate-lesions.ts";
import { thetaToParams } from "../../../shared/lesion/lesion-params.ts";

/**
 * Independent checks of a simulateLesions result against its input: they re-derive the
 * compositing from the JSDoc formulas (not by calling compositeLesion) and return every
 * violation as text, so tests assert an empty list and the eval script can count them.
 */
export function checkSimulation(
  input: GrayImage,
  lungMask: BinaryMask | undefined,
  result: SimulationResult,
): string[] {
  const problems: string[] = [];
  const { width, height } = input;
  const out = result.image;
  if (out.width !== width || out.height !== height || out.bitDepth !== input.bitDepth)
    problems.push("output size or depth differs");
  const max = input.bitDepth === 8 ? 255 : 65535;
  let ceiling = 0;
  for (const v of input.data) ceiling = Math.max(ceiling, v);
  const expected = Float64Array.from(input.data);
  const union = new Uint8Array(width * height);
  result.lesions.forEach((lesion, k) => {
    const [bx, by, bw, bh] = lesion.bbox;
    const p = result.opacityMaps[k]!;
    const name = `lesion ${k}`;
    if (p.length !== bw * bh) problems.push(`${name}: opacity map has ${p.length} values for a ${bw}x${bh} box`);
    if (bx < 0 || by < 0 || bx + bw > width || by + bh > height) problems.push(`${name}: bbox leaves the image`);
    // Tight box: the first and last row and column each hold a p > 0 pixel.
    const rowHas = (y: number) => p.subarray(y * bw, (y + 1) * bw).some((v) => v > 0);
    const colHas = (x: number) => Array.from({ length: bh }, (_, y) => p[y * bw + x]!).some((v) => v > 0);
    if (!rowHas(0) || !rowHas(bh - 1) || !colHas(0) || !colHas(bw - 1)) problems.push(`${name}: bbox is not tight`);
    let peak = 0;
    let outside = 0;
    const muT = result.attenuation ? result.attenuation.mu * result.attenuation.thicknessMm : 0;
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        const v = p[y * bw + x]!;
        if (!(v > 0)) continue;
        if (v > peak) peak = v;
        const i = (by + y) * width + bx + x;
        union[i] = 255;
        if (lungMask && lungMask.data[i] === 0) outside++;
        const before = expected[i]!;
        // "attenuation": soft-saturating shift by muT * v * max / 4 optical depths, ceiling = input max
        const h = ceiling - before;
        expected[i] =
          result.model === "linear"
            ? Math.min(max, Math.round(before * (1 - v) + max * v))
            : result.model === "attenuation"
              ? h > 0
                ? Math.round(ceiling - h * Math.exp((-((muT * max) / 4) * v) / h))
                : before
              : Math.min(max, Math.round(max - (max - before) * Math.exp(-muT * v)));
      }
    }
    if (outside > 0) problems.push(`${name}: ${outside} lesion pixels outside the lung mask`);
    if (peak !== lesion.peakOpacity)
      problems.push(`${name}: peakOpacity ${lesion.peakOpacity} but the map peaks at ${peak}`);
    if (peak > lesion.params.scale * (1 + 1e-12))
      problems.push(`${name}: peak opacity ${peak} above scale ${lesion.params.scale}`);
    if (lesion.theta) {
      const mapped = thetaToParams(lesion.theta);
      for (const key of Object.keys(mapped) as (keyof typeof mapped)[]) {
        if (mapped[key] !== lesion.params[key]) problems.push(`${name}: params.${key} does not follow theta`);
      }
    }
  });
  if (result.model === "attenuation" && out.data.some((v) => v > ceiling))
    problems.push("attenuation: a pixel exceeds the input's own maximum");
  let changedOutside = 0;
  let wrong = 0;
  let maskWrong = 0;
  for (let i = 0; i < width * height; i++) {
    if (union[i] === 0 && out.data[i] !== input.data[i]) changedOutside++;
    if (out.data[i] !== expected[i]) wrong++;
    if (result.mask.data[i] !== union[i]) maskWrong++;
  }
  if (changedOutside > 0) problems.push(`${changedOutside} pixels outside every lesion changed`);
  if (wrong > 0) problems.push(`${wrong} pixels differ from the ${result.model} compositing formula`);
  if (maskWrong > 0) problems.push(`${maskWrong} lesion-mask pixels differ from the union of p > 0`);
  return problems;
}

/** A cheap content fingerprint for "same seed -> same bytes" checks (FNV-1a over the bytes). */
export function fingerprint(data: ArrayBufferView): number {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}
