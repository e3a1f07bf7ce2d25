import { InvalidInputError } from "../errors.ts";

/** How a lesion's opacity map darkens-to-white the background. */
export type CompositingModel = "attenuation" | "linear" | "beer-lambert";

export const COMPOSITING_MODELS: readonly CompositingModel[] = ["attenuation", "linear", "beer-lambert"];

/** The default: anatomy stays visible under the lesion (docs/lesion-compositing.md). */
export const DEFAULT_COMPOSITING_MODEL: CompositingModel = "attenuation";

/**
 * Optical depths (-ln transmission) spanned by the display's full scale 0..M in the
 * "attenuation" model: a displayed radiograph is close to linear in -ln T (log detector or film
 * response), and 4 (transmission 1 down to e^-4 = 1.8 %) covers lung to mediastinum.
 */
export const DISPLAY_OPTICAL_DEPTHS = 4;

/** Lesion attenuation for the "attenuation" and "beer-lambert" models. */
export interface Attenuation {
  /** Linear attenuation coefficient of the lesion, per mm (water at ~60 keV: about 0.02). */
  mu: number;
  /** Lesion thickness in mm where the opacity map is 1: t(x) = thicknessMm * p(x). */
  thicknessMm: number;
}

/** Defaults: mu * thicknessMm = 2, so a full-opacity pixel transmits exp(-2) = 13.5 %. */
export const DEFAULT_ATTENUATION: Attenuation = { mu: 0.02, thicknessMm: 100 };

export function validateAttenuation(a: Attenuation, pointer = "/attenuation"): Attenuation {
  if (typeof a.mu !== "number" || !(a.mu > 0 && a.mu <= 1)) {
    throw new InvalidInputError(`${pointer}/mu`, `mu must be in (0, 1] per mm, got ${String(a.mu)}`);
  }
  if (typeof a.thicknessMm !== "number" || !(a.thicknessMm > 0 && a.thicknessMm <= 1000)) {
    throw new InvalidInputError(
      `${pointer}/thicknessMm`,
      `thicknessMm must be in (0, 1000], got ${String(a.thicknessMm)}`,
    );
  }
  return a;
}

/**
 * Composites one lesion into `data` (in place) over its box, for pixels with p > 0 only; every
 * other pixel keeps its exact value. With v the old value, M = 2^bitDepth - 1 (white), p the
 * opacity, the new value is, bit for bit in IEEE double arithmetic:
 *
 * - "attenuation" (default): the lesion ADDS optical depth mu t(x) = (mu * thicknessMm) * p to
 *   -ln T of the ray, and the display is linear in -ln T with M / DISPLAY_OPTICAL_DEPTHS per unit,
 *   so the shift a = (mu * thicknessMm) * p * M / DISPLAY_OPTICAL_DEPTHS is the same over a rib
 *   and beside it: anatomy stays visible. Near the image's own maximum V (`ceiling`, e.g. the
 *   mediastinum) the shift saturates softly, as a detector or window does, so no lesion pixel
 *   exceeds V. With headroom h = V - v:
 *     v' = h > 0 ? Math.round(V - h * Math.exp(-a / h)) : v
 *   For a << h this is v + a (contrast kept); dv'/dv = (1 + a/h) exp(-a/h) >= 0.5 while a <= 1.68 h.
 * - "linear" (the paper's X-ray principle, Suzuki et al. 2022 eq. 1):
 *     v' = min(M, Math.round(v * (1 - p) + M * p))
 * - "beer-lambert": brightness is read as the fraction of the beam absorbed along the ray, so
 *   v / M = 1 - T_body. A lesion of thickness t(x) = thicknessMm * p(x) and attenuation mu
 *   multiplies the transmission by T = exp(-mu t) (Beer–Lambert), hence 1 - v'/M = (1 - v/M) T:
 *     T  = Math.exp(-(mu * thicknessMm) * p)
 *     v' = min(M, Math.round(M - (M - v) * T))
 *   This equals "linear" with p replaced by the absorptance 1 - T, so the two agree for thin or
 *   faint lesions and Beer–Lambert saturates more gently for dense ones.
 */
export function compositeLesion(
  data: Uint8Array | Uint16Array,
  imageWidth: number,
  box: { x: number; y: number; width: number; height: number },
  opacity: Float64Array,
  max: number,
  model: CompositingModel,
  attenuation: Attenuation = DEFAULT_ATTENUATION,
  ceiling: number = max,
): void {
  const muT = attenuation.mu * attenuation.thicknessMm;
  const gain = (muT * max) / DISPLAY_OPTICAL_DEPTHS;
  for (let y = 0; y < box.height; y++) {
    const row = (box.y + y) * imageWidth + box.x;
    const src = y * box.width;
    for (let x = 0; x < box.width; x++) {
      const p = opacity[src + x]!;
      if (!(p > 0)) continue;
      const v = data[row + x]!;
      if (model === "attenuation") {
        const h = ceiling - v;
        if (h > 0) data[row + x] = Math.round(ceiling - h * Math.exp(-(gain * p) / h));
        continue;
      }
      const out =
        model === "linear" ? Math.round(v * (1 - p) + max * p) : Math.round(max - (max - v) * Math.exp(-muT * p));
      data[row + x] = Math.min(max, out);
    }
  }
}
