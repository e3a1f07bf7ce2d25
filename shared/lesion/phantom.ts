import { InvalidInputError } from "../errors.ts";
import { grayMax, type BinaryMask, type GrayBitDepth, type GrayImage } from "../image/gray-image.ts";
import type { Rng } from "../numeric/rng.ts";
import { drawVesselTrees, rasterizeVessels } from "./phantom-vessels.ts";
import { clavicleChord, drawAnatomy, ellipsoidChord, lungChord, ribChord, smoothstep } from "./phantom-anatomy.ts";

/**
 * Effective mu * t at each structure's thickest point (dimensionless). Not physical 60 keV
 * values: chosen so that brightness = 1 - exp(-sum mu t) resembles a windowed chest radiograph
 * (lungs ~0.25, mediastinum ~0.8, ribs faint over the lungs).
 */
const MU_T = {
  body: 1.35,
  lungAir: 0.95, // soft tissue that the lungs replace by air
  hilum: 0.2,
  markings: 0.27,
  spine: 0.18,
  rib: 0.13,
  clavicle: 0.25,
} as const;

const QUANTUM_NOISE = 0.01; // amplitude of the triangular per-pixel noise, in brightness units

/**
 * Up to 1448 px, so that no phantom exceeds MAX_IMAGE_PIXELS (2 Mi px): a 4096 px phantom alone
 * holds a 128 MiB Float64 vessel map, and a simulate on a 2048 px one measured 94 MiB of the
 * 100 MiB per-request target (docs/loadtest.md).
 */
export const PHANTOM_SIZE_RANGE = [64, 1448] as const;

export interface Phantom {
  image: GrayImage;
  /** Visible lung fields (lungs outside the heart shadow): 255 inside, 0 outside. */
  lungMask: BinaryMask;
}

/**
 * A synthetic PA chest radiograph drawn by the same Beer–Lambert model as the lesions: each
 * structure adds mu * t(x, y), t its projected chord (ellipsoids and cylinders), the lungs
 * subtract the tissue they replace by air, and a pixel's brightness is the absorbed fraction
 * 1 - exp(-sum mu t) scaled to the bit depth. Seeded by `rng`; `size` is the side in pixels.
 */
export function renderPhantom(rng: Rng, size = 1024, bitDepth: GrayBitDepth = 8): Phantom {
  if (!Number.isInteger(size) || size < PHANTOM_SIZE_RANGE[0] || size > PHANTOM_SIZE_RANGE[1]) {
    throw new InvalidInputError("/size", `size must be an integer in [${PHANTOM_SIZE_RANGE.join(", ")}], got ${size}`);
  }
  const a = drawAnatomy(rng);
  // Local aliases: some loaders (tsx's CJS interop) turn each imported call into a getter call,
  // which costs more than the geometry itself in this per-pixel loop.
  const lungAt = lungChord,
    ellipsoidAt = ellipsoidChord,
    ribAt = ribChord,
    clavicleAt = clavicleChord;
  const max = grayMax(bitDepth);
  const data = bitDepth === 8 ? new Uint8Array(size * size) : new Uint16Array(size * size);
  const mask = new Uint8Array(size * size);
  const hila = a.lungs.map((l) => ({ cx: l.cx + (0.5 - l.cx) * 0.55, cy: 0.46, ax: 0.035, ay: 0.07 }));
  const vessels = rasterizeVessels(
    drawVesselTrees(
      rng,
      hila.map((h) => ({ x: h.cx, y: h.cy, side: Math.sign(h.cx - 0.5) })),
    ),
    size,
  );
  for (let y = 0; y < size; y++) {
    const v = (y + 0.5) / size;
    const halfWidth = a.neckHalfWidth + (a.bodyHalfWidth - a.neckHalfWidth) * smoothstep(0.0, 0.14, v);
    const ribs = a.ribStarts.map((_, i) => i).filter((i) => v > a.ribStarts[i]! - 0.04 && v < a.ribStarts[i]! + 0.3);
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const r = rng.nextUint32();
      const u = (x + 0.5) / size;
      const lateral = (u - 0.5) / halfWidth;
      let muT = 0;
      let air = 0;
      if (lateral > -1 && lateral < 1) {
        const heart = ellipsoidAt(a.heart, u, v);
        const lung = lungAt(a.lungs[0]!, u, v) + lungAt(a.lungs[1]!, u, v);
        air = Math.max(0, lung - 1.5 * heart); // the heart displaces lung in front of and behind it
        let bone = 0;
        const spine = Math.abs(u - a.spineX) / a.spineHalfWidth;
        if (spine < 1)
          bone += MU_T.spine * Math.sqrt(1 - spine * spine) * (0.75 + 0.25 * Math.cos(v * 2 * Math.PI * 17));
        for (const k of ribs) bone += MU_T.rib * ribAt(a, k, u, v);
        bone += MU_T.clavicle * clavicleAt(a, u, v);
        const hilum = ellipsoidAt(hila[0]!, u, v) + ellipsoidAt(hila[1]!, u, v);
        const markings = MU_T.markings * Math.min(1, 2 * air) * vessels[i]!;
        muT = MU_T.body * Math.sqrt(1 - lateral * lateral) - MU_T.lungAir * air + MU_T.hilum * hilum + markings + bone;
      }
      const noise = QUANTUM_NOISE * (((r & 0xffff) + (r >>> 16)) / 65536 - 1);
      const b = 1 - Math.exp(-Math.max(0, muT)) + noise;
      data[i] = Math.round(max * Math.min(1, Math.max(0, b)));
      if (air > 0.25) mask[i] = 255;
    }
  }
  const image: GrayImage =
    data instanceof Uint8Array
      ? { width: size, height: size, bitDepth: 8, data }
      : { width: size, height: size, bitDepth: 16, data };
  return { image, lungMask: { width: size, height: size, data: mask } };
}
