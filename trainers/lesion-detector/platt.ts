/**
 * Platt scaling: P(hit | s) = σ(a · logit(s) + b), fitted by damped Newton steps on the log-loss
 * of labelled detections plus a tiny ridge (so that a separable set still has a finite optimum);
 * each step is halved until the loss goes down, so the fit cannot run away.
 */
export function fitPlatt(samples: readonly { score: number; hit: boolean }[]): { a: number; b: number } {
  const z = samples.map((s) => Math.log(Math.max(s.score, 1e-7) / Math.max(1 - s.score, 1e-7)));
  const y = samples.map((s) => (s.hit ? 1 : 0));
  const ridge = 1e-3;
  const loss = (a: number, b: number) => {
    let l = 0.5 * ridge * (a * a + b * b);
    z.forEach((zi, i) => {
      const t = a * zi + b;
      // log(1 + e^t) − y·t, computed without overflow
      l += (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) - y[i]! * t;
    });
    return l;
  };
  let [a, b] = [1, 0];
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let [ga, gb, haa, hab, hbb] = [ridge * a, ridge * b, ridge, 0, ridge];
    z.forEach((zi, i) => {
      const p = 1 / (1 + Math.exp(-(a * zi + b)));
      const r = p - y[i]!;
      const w = p * (1 - p);
      ga += r * zi;
      gb += r;
      haa += w * zi * zi;
      hab += w * zi;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    const [da, db] = [(hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det];
    let step = 1;
    while (step > 1e-6 && !(loss(a - step * da, b - step * db) <= current)) step /= 2;
    if (step <= 1e-6) break;
    [a, b] = [a - step * da, b - step * db];
    const next = loss(a, b);
    if (current - next < 1e-10) break;
    current = next;
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
