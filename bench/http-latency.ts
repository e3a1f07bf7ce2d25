/** Sequential request latency against a running server: p50/p99 in ms over `n` requests. */
export interface LatencyFigures {
  n: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export async function measureLatency(n: number, send: () => Promise<Response>, warmup = 3): Promise<LatencyFigures> {
  for (let i = 0; i < warmup; i++) await (await send()).arrayBuffer();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await send();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`request failed with ${res.status}`);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n,
    p50Ms: round(quantile(ms, 0.5)),
    p99Ms: round(quantile(ms, 0.99)),
    meanMs: round(ms.reduce((a, b) => a + b, 0) / n),
  };
}
