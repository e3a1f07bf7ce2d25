import type { TrainProgress } from "./train.ts";

/**
 * A small stderr progress bar: redrawn in place with \r on a TTY, one plain line every few seconds
 * otherwise (CI logs). Shows sweeps, sweeps/s, train log-likelihood, acceptance and ETA.
 */
export function createProgressBar(
  stream: NodeJS.WriteStream = process.stderr,
  label = "train",
): {
  update(p: TrainProgress): void;
  done(): void;
} {
  const tty = stream.isTTY === true;
  let lastDraw = -Infinity;
  let width = 0;
  const minInterval = tty ? 0.1 : 5; // seconds of training time between redraws
  return {
    update(p) {
      if (p.trainSeconds - lastDraw < minInterval) return;
      lastDraw = p.trainSeconds;
      const fraction =
        p.plannedSweeps !== null
          ? p.sweeps / p.plannedSweeps
          : p.etaSeconds !== null
            ? p.trainSeconds / (p.trainSeconds + p.etaSeconds)
            : 0;
      const filled = Math.max(0, Math.min(20, Math.round(fraction * 20)));
      const bar = `[${"#".repeat(filled)}${"-".repeat(20 - filled)}]`;
      const line = [
        `${label} ${bar} sweep ${p.sweeps.toFixed(1)}${p.plannedSweeps !== null ? `/${p.plannedSweeps}` : ""}`,
        `${(p.sweeps / Math.max(p.trainSeconds, 1e-9)).toFixed(2)} sweeps/s`,
        `train LL ${p.trainLogLikelihood?.toFixed(3) ?? "?"}`,
        `${p.sampler}${p.acceptance !== null ? ` acc ${(100 * p.acceptance).toFixed(1)}%` : ""}`,
        `ETA ${p.etaSeconds !== null ? `${Math.max(0, p.etaSeconds).toFixed(0)}s` : "?"}`,
      ].join(" | ");
      if (tty) {
        stream.write(`\r${line.padEnd(width)}`);
        width = line.length;
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (tty && width > 0) stream.write("\n");
    },
  };
}
