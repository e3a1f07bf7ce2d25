/**
 * Platt scaling: P(hit | s) = σ(a · logit(s) + b), fitted by Newton's method on the log-loss of
 * labelled detections (with a tiny ridge so that a separable set still converges).
 */
export function fitPlatt(samples: readonly { score: number; hit: boolean }[]): { a: number; b: number } {
  const z = samples.map((s) => Math.log(Math.max(s.score, 1e-7) / Math.max(1 - s.score, 1e-7)));
  let [a, b] = [1, 0];
  for (let iter = 0; iter < 50; iter++) {
    let [ga, gb, haa, hab, hbb] = [1e-3 * a, 1e-3 * b, 1e-3, 0, 1e-3];
    samples.forEach((s, i) => {
      const p = 1 / (1 + Math.exp(-(a * z[i]! + b)));
      const r = p - (s.hit ? 1 : 0);
      const w = p * (1 - p);
      ga += r * z[i]!;
      gb += r;
      haa += w * z[i]! * z[i]!;
      hab += w * z[i]!;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Expected calibration error of confidences against hits, over `bins` equal-width bins. */
export function detectionEce(samples: readonly { confidence: number; hit: boolean }[], bins = 10): number {
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (const s of samples) {
    const k = Math.min(bins - 1, Math.floor(s.confidence * bins));
    count[k]!++;
    conf[k]! += s.confidence;
    hits[k]! += s.hit ? 1 : 0;
  }
  let ece = 0;
  for (let k = 0; k < bins; k++) if (count[k]! > 0) ece += Math.abs(conf[k]! - hits[k]!) / samples.length;
  return ece;
}
