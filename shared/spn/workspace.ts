import type { CompiledSpn } from "./compiled-spn.ts";

/**
 * Per-model scratch buffers, reused across requests so the hot paths allocate nothing per call.
 * Safe because evaluation is synchronous: no two calls interleave inside one isolate. A caller
 * must copy out whatever it returns before the next evaluation on the same model.
 */
const workspaces = new WeakMap<CompiledSpn, Map<string, Float64Array>>();

/** A buffer of exactly `length` doubles (contents undefined) for `slot` of this model. */
export function scratch(spn: CompiledSpn, slot: string, length: number): Float64Array {
  let slots = workspaces.get(spn);
  if (slots === undefined) {
    slots = new Map();
    workspaces.set(spn, slots);
  }
  let buffer = slots.get(slot);
  if (buffer === undefined || buffer.length < length) {
    buffer = new Float64Array(Math.max(length, buffer === undefined ? 0 : buffer.length * 2));
    slots.set(slot, buffer);
  }
  return buffer.length === length ? buffer : buffer.subarray(0, length);
}
