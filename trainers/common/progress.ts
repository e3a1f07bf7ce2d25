/**
 * A one-line progress bar on stderr (`label [#####.....] 412/1000 41% 3.1 it/s eta 3m10s
 * loss 2.31`); on a non-TTY (CI logs, nohup) it prints a plain line every 10% instead.
 */
export class Progress {
  readonly #start = performance.now();
  readonly #tty = process.stderr.isTTY === true;
  #lastDecile = -1;

  constructor(
    readonly label: string,
    readonly total: number,
  ) {}

  update(done: number, info = ""): void {
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const seconds = (performance.now() - this.#start) / 1000;
    const rate = done / Math.max(seconds, 1e-9);
    const eta = rate > 0 ? (this.total - done) / rate : 0;
    const bar = "#".repeat(Math.round(frac * 24)).padEnd(24, ".");
    const line = `${this.label} [${bar}] ${done}/${this.total} ${(frac * 100).toFixed(0)}% ${rate.toFixed(2)} it/s eta ${formatSeconds(eta)} ${info}`;
    if (this.#tty) {
      process.stderr.write(`\r${line.padEnd(110)}`);
      if (done >= this.total) process.stderr.write("\n");
      return;
    }
    const decile = Math.floor(frac * 20); // every 5%
    if (decile > this.#lastDecile) {
      this.#lastDecile = decile;
      process.stderr.write(`${line}\n`);
    }
  }
}

export function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${Math.round(s % 60)}s` : `${s.toFixed(0)}s`;
}
