/**
 * Calibration metrics over N × C predicted probabilities (row-major) and integer labels, as in
 * Guo et al. 2017 §2: ECE = sum_m |B_m|/n · |acc(B_m) − conf(B_m)| over equal-width bins of the
 * top-class confidence, MCE = max_m of the gap, plus NLL, the multi-class Brier score
 * (mean squared error against the one-hot label, summed over classes) and accuracy.
 */
export const ECE_BINS = 15;

export interface CalibrationMetrics {
  accuracy: number;
  ece: number;
  mce: number;
  nll: number;
  brier: number;
}

export interface ReliabilityBin {
  /** Upper edge of the bin; bin m covers (m/B, (m+1)/B]. */
  upper: number;
  count: number;
  accuracy: number;
  confidence: number;
}

function top(probs: ArrayLike<number>, row: number, classes: number): number {
  let best = 0;
  for (let c = 1; c < classes; c++) if (probs[row + c]! > probs[row + best]!) best = c;
  return best;
}

/** The bin of a confidence: bins are (m/B, (m+1)/B]; a confidence of exactly 0 joins the first bin. */
export function binOf(confidence: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.ceil(confidence * bins) - 1));
}

/** The reliability diagram: per-bin count, accuracy and mean confidence. */
export function reliabilityBins(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  bins = ECE_BINS,
): ReliabilityBin[] {
  const count = new Float64Array(bins);
  const correct = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const k = top(probs, i * classes, classes);
    const conf = probs[i * classes + k]!;
    const m = binOf(conf, bins);
    count[m]!++;
    confidence[m]! += conf;
    if (k === labels[i]) correct[m]!++;
  }
  return Array.from(count, (n, m) => ({
    upper: (m + 1) / bins,
    count: n,
    accuracy: n > 0 ? correct[m]! / n : 0,
    confidence: n > 0 ? confidence[m]! / n : 0,
  }));
}

export function calibrationMetrics(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  bins = ECE_BINS,
): CalibrationMetrics {
  const n = labels.length;
  let ece = 0;
  let mce = 0;
  for (const b of reliabilityBins(probs, labels, classes, bins)) {
    if (b.count === 0) continue;
    const gap = Math.abs(b.accuracy - b.confidence);
    ece += (b.count / n) * gap;
    mce = Math.max(mce, gap);
  }
  let nll = 0;
  let brier = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = i * classes;
    const y = labels[i]!;
    nll -= Math.log(Math.max(probs[row + y]!, Number.MIN_VALUE));
    for (let c = 0; c < classes; c++) brier += (probs[row + c]! - (c === y ? 1 : 0)) ** 2;
    if (top(probs, row, classes) === y) correct++;
  }
  return { accuracy: correct / n, ece, mce, nll: nll / n, brier: brier / n };
}

/**
 * Classwise ECE (Kull et al. 2019): for every class c, the ECE of p(c) against the indicator
 * y = c over equal-width bins of p(c), averaged over classes. It sees the calibration of every
 * probability served, not only of the top one.
 */
export function classwiseEce(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  bins = ECE_BINS,
): number {
  const n = labels.length;
  let total = 0;
  for (let c = 0; c < classes; c++) {
    const count = new Float64Array(bins);
    const hits = new Float64Array(bins);
    const mass = new Float64Array(bins);
    for (let i = 0; i < n; i++) {
      const p = probs[i * classes + c]!;
      const m = binOf(p, bins);
      count[m]!++;
      mass[m]! += p;
      if (labels[i] === c) hits[m]!++;
    }
    for (let m = 0; m < bins; m++) if (count[m]! > 0) total += Math.abs(hits[m]! - mass[m]!) / n / classes;
  }
  return total;
}

/**
 * Adaptive ECE (Nixon et al. 2019): the top-class ECE over equal-mass bins (each holds n/B
 * examples by confidence rank), so that a model whose confidences pile up near 1 still has its
 * gap measured where its examples are.
 */
export function adaptiveEce(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  bins = ECE_BINS,
): number {
  const n = labels.length;
  const conf = new Float64Array(n);
  const right = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = top(probs, i * classes, classes);
    conf[i] = probs[i * classes + k]!;
    right[i] = k === labels[i] ? 1 : 0;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => conf[a]! - conf[b]!);
  let ece = 0;
  for (let m = 0; m < bins; m++) {
    const from = Math.round((m * n) / bins);
    const to = Math.round(((m + 1) * n) / bins);
    let gap = 0;
    for (let j = from; j < to; j++) gap += right[order[j]!]! - conf[order[j]!]!;
    ece += Math.abs(gap) / n;
  }
  return ece;
}
