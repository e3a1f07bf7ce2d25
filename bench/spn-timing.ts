/**
 * Timing helpers of the SPN benchmark. Throughput figures are medians of process CPU time (user +
 * system), so time this process spent descheduled by other jobs on a shared machine does not
 * count; wall-clock medians are kept beside them.
 */
export function timeMedian(budgetMs: number, f: () => void, minRuns = 3): { ms: number; wallMs: number; reps: number } {
  if (minRuns > 1) f(); // warm-up and JIT (a single-run measurement relies on earlier, smaller runs)
  const cpu: number[] = [];
  const wall: number[] = [];
  const start = performance.now();
  while (cpu.length < minRuns || (performance.now() - start < budgetMs && cpu.length < 100_000)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
    if (wall[0]! > budgetMs) break;
  }
  return { ms: median(cpu), wallMs: median(wall), reps: cpu.length };
}

/**
 * CPU-time medians (ms) of several functions measured in alternation, `rounds` runs each after a
 * warm-up: on a shared machine the load drifts within seconds, and a ratio of two medians taken
 * one after the other moved by ±25 % between runs; alternating exposes both sides to the same load.
 */
export function interleavedMedians(fns: readonly (() => void)[], rounds: number): number[] {
  return interleavedRuns(fns, rounds).map(median);
}

/**
 * The CPU ms of every run of interleavedMedians (one array per function). Their minimum is the
 * run least disturbed by other jobs: printed beside the medians where the load is high.
 */
export function interleavedRuns(fns: readonly (() => void)[], rounds: number): number[][] {
  fns.forEach((f) => f());
  const cpu = fns.map((): number[] => []);
  for (let k = 0; k < rounds; k++) {
    fns.forEach((f, i) => {
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      cpu[i]!.push((c.user + c.system) / 1e3);
    });
  }
  return cpu;
}

/** Wall-clock median of `reps` calls, in microseconds (latencies). */
export function latencyUs(reps: number, f: () => void): number {
  for (let i = 0; i < Math.min(reps, 1000); i++) f();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return round(median(times) * 1e3);
}

export function median(xs: number[]): number {
  return xs.sort((a, b) => a - b)[xs.length >> 1]!;
}

export const round = (x: number, digits = 3): number => Number(x.toPrecision(digits));
