import { gzipSync } from "node:zlib";

/** Bytes as stored (sparse weights kept dense in ONNX initialisers) and gzip-compressed (level 9). */
export function sizes(bytes: Uint8Array): { raw: number; gzip: number } {
  return { raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

/**
 * Median per-call milliseconds of each of `calls` over `runs` calls after `warm` unmeasured ones,
 * interleaved (call 0, 1, 2, 0, 1, 2, …) so that a shared machine's load changes hit all alike.
 */
export async function interleavedMedianMs(
  runs: number,
  warm: number,
  calls: readonly ((i: number) => Promise<unknown>)[],
): Promise<number[]> {
  for (let i = 0; i < warm; i++) for (const call of calls) await call(i);
  const ms = calls.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, call] of calls.entries()) {
      const t = performance.now();
      await call(i);
      ms[k]!.push(performance.now() - t);
    }
  }
  return ms.map((m) => m.sort((a, b) => a - b)[Math.floor(m.length / 2)]!);
}

export const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
