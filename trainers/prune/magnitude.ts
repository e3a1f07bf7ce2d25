/**
 * Iterative magnitude pruning with rewinding (Frankle & Carbin 2019; rewinding to an early
 * iterate, Frankle et al. 2020): after training, drop the given fraction of each tensor's
 * surviving weights with the smallest |w| (layer-wise, so no tensor is emptied by another's
 * scale), then restart training from the rewind point with the pruned weights held at zero.
 */

/** A new mask keeping all but round(fraction × kept) of the kept entries, dropping the smallest |w|. */
export function magnitudeMask(weights: Float32Array, mask: Uint8Array, fraction: number): Uint8Array {
  if (weights.length !== mask.length)
    throw new RangeError(`magnitudeMask: ${weights.length} weights but a mask of ${mask.length}`);
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`magnitudeMask: fraction ${fraction} must be in [0, 1)`);
  const kept: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) kept.push(i);
  const drop = Math.round(fraction * kept.length);
  // Ties broken by index, so the mask is a deterministic function of the weights.
  kept.sort((a, b) => Math.abs(weights[a]!) - Math.abs(weights[b]!) || a - b);
  const next = mask.slice();
  for (let j = 0; j < drop; j++) next[kept[j]!] = 0;
  return next;
}

/** w ⊙ mask: the rewound weights under the mask (or any weights, to hold pruned ones at zero). */
export function applyMask(weights: Float32Array, mask: Uint8Array): Float32Array {
  const out = weights.slice();
  for (let i = 0; i < out.length; i++) if (mask[i] === 0) out[i] = 0;
  return out;
}

export function countKept(masks: readonly Uint8Array[]): number {
  let k = 0;
  for (const m of masks) for (let i = 0; i < m.length; i++) k += m[i]!;
  return k;
}

export const fullMask = (n: number): Uint8Array => new Uint8Array(n).fill(1);
