import { gzipSync } from "node:zlib";

/** Bytes as stored (sparse weights kept dense in ONNX initialisers) and gzip-compressed (level 9). */
export function sizes(bytes: Uint8Array): { raw: number; gzip: number } {
  return { raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

/** Median of per-call milliseconds over `runs` calls after `warm` unmeasured ones. */
export async function medianMs(runs: number, warm: number, call: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warm; i++) await call(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

export const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
