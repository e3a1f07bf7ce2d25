/**
 * Counts the bytes of every typed array constructed with a fresh buffer (`new Float64Array(n)`,
 * `.slice()`, `Uint8Array.from`) while `counting` is on: the probe installs it before loading the
 * app. Views over an existing buffer (`subarray`, `new Uint8Array(buffer, …)`) are not counted,
 * nor buffers made natively (Buffer, TextEncoder, Response bodies). Inside one request nothing is
 * freed before the count is read (no finalizer runs mid-request), so the sum is an upper bound on
 * the peak of these buffers; unlike resident memory it also counts zero pages never touched,
 * which an isolate's accounting of ArrayBuffer sizes charges in full.
 */
const NAMES = [
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
] as const;

export const typedArrayCount = { counting: false, bytes: 0 };

export function installTypedArrayCounter(): void {
  const g = globalThis as unknown as Record<string, new (...args: unknown[]) => ArrayBufferView>;
  for (const name of NAMES) {
    const Original = g[name]!;
    const Counted = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        const view =
          args[0] instanceof ArrayBuffer ||
          (typeof SharedArrayBuffer !== "undefined" && args[0] instanceof SharedArrayBuffer);
        if (typedArrayCount.counting && !view) {
          typedArrayCount.bytes += this.byteLength;
          // MEMORY_TRACE=1: where each allocation of 1 MiB or more comes from (on stderr).
          if (process.env.MEMORY_TRACE && this.byteLength >= 1 << 20) {
            console.error(
              `${name} ${(this.byteLength / 2 ** 20).toFixed(1)} MiB`,
              new Error().stack!.split("\n").slice(2, 6).join(" <"),
            );
          }
        }
      }
      // Arrays made natively (Buffer, TextEncoder) are instances of the original: still pass instanceof.
      static override [Symbol.hasInstance](value: unknown): boolean {
        return value instanceof Original;
      }
    };
    Object.defineProperty(Counted, "name", { value: name });
    g[name] = Counted;
  }
}
