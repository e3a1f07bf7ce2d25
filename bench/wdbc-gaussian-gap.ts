/**
 * Why the wdbc SPN stays below the full-covariance Gaussian (issue 12): ML Gaussians fitted on
 * wdbc train + valid, scored on test (nats/row over the 30 measurements, diagnosis excluded), with
 * the covariance cut to blocks of at most B strongly correlated columns (greedy agglomerative
 * clustering on |r|, merging while the weakest link of two blocks is >= 0.5). A block-diagonal
 * Gaussian is what one product of multivariate-Gaussian leaves over such blocks would be; the
 * last Gaussian row is the full covariance (the spn:score baseline without the diagnosis column). Also the class-conditional full-covariance model (QDA):
 * log p(x, diagnosis) and its diagnosis accuracy. Run: npx tsx bench/wdbc-gaussian-gap.ts
 */
import { existsSync, readFileSync } from "node:fs";
import { gaussianLog } from "../trainers/spn/score-baselines.ts";

const DIR = process.argv[2] ?? "../shared/data/tabular/wdbc";
if (!existsSync(`${DIR}/wdbc.train.csv`)) {
  process.stderr.write(`wdbc-gaussian-gap: no ${DIR}/wdbc.train.csv (pass the wdbc folder as the first argument)\n`);
  process.exit(2);
}

interface Table {
  x: number[][];
  y: string[];
}
function load(file: string): Table {
  const [head, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const yi = head!.split(",").indexOf("diagnosis");
  const cells = lines.map((l) => l.split(","));
  return { x: cells.map((c) => c.filter((_, i) => i !== yi).map(Number)), y: cells.map((c) => c[yi]!) };
}

function moments(x: readonly number[][]): { mu: Float64Array; cov: Float64Array } {
  const D = x[0]!.length;
  const mu = new Float64Array(D);
  for (const r of x) r.forEach((v, i) => (mu[i]! += v / x.length));
  const cov = new Float64Array(D * D);
  for (const r of x)
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++) cov[i * D + j]! += ((r[i]! - mu[i]!) * (r[j]! - mu[j]!)) / x.length;
  return { mu, cov };
}

/** Blocks of at most B columns: merge the pair of blocks whose weakest |r| is largest, while >= 0.5. */
function blocks(cov: Float64Array, D: number, B: number): number[][] {
  const r = (i: number, j: number): number => Math.abs(cov[i * D + j]! / Math.sqrt(cov[i * D + i]! * cov[j * D + j]!));
  const out = Array.from({ length: D }, (_, i) => [i]);
  for (;;) {
    let best = { v: 0.5, i: -1, j: -1 };
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        if (out[i]!.length + out[j]!.length > B) continue;
        const v = Math.min(...out[i]!.flatMap((a) => out[j]!.map((b) => r(a, b))));
        if (v >= best.v) best = { v, i, j };
      }
    }
    if (best.i < 0) return out;
    out[best.i] = [...out[best.i]!, ...out[best.j]!];
    out.splice(best.j, 1);
  }
}

const masked = (cov: Float64Array, D: number, parts: number[][]): Float64Array => {
  const m = new Float64Array(D * D);
  for (const p of parts) for (const i of p) for (const j of p) m[i * D + j] = cov[i * D + j]!;
  return m;
};

const train = [load(`${DIR}/wdbc.train.csv`), load(`${DIR}/wdbc.valid.csv`)].reduce((a, b) => ({
  x: [...a.x, ...b.x],
  y: [...a.y, ...b.y],
}));
const test = load(`${DIR}/wdbc.test.csv`);
const D = train.x[0]!.length;
const all = Array.from({ length: D }, (_, i) => i);
const { mu, cov } = moments(train.x);
const mean = (f: (r: number[], n: number) => number): number =>
  test.x.reduce((s, r, n) => s + f(r, n), 0) / test.x.length;
const rows: Record<string, number | string>[] = [];
for (const B of [1, 2, 3, 5, 10, 30]) {
  const parts = B === D ? [all] : blocks(cov, D, B);
  const c = masked(cov, D, parts);
  rows.push({
    model: B === D ? "Gaussian, full covariance" : `Gaussian, blocks <= ${B} (|r| >= 0.5)`,
    blocks: parts.length,
    largest: Math.max(...parts.map((p) => p.length)),
    testLL: mean((r) => gaussianLog(r, mu, c, D, all)),
  });
}
const classes = [...new Set(train.y)].sort();
const fits = classes.map((k) => {
  const x = train.x.filter((_, n) => train.y[n] === k);
  return { k, logPrior: Math.log((x.length + 1) / (train.x.length + classes.length)), ...moments(x) };
});
let correct = 0;
const qda = mean((r, n) => {
  const lp = fits.map((f) => f.logPrior + gaussianLog(r, f.mu, f.cov, D, all));
  const top = Math.max(...lp);
  if (classes[lp.indexOf(top)] === test.y[n]) correct++;
  return top + Math.log(lp.reduce((s, v) => s + Math.exp(v - top), 0));
});
rows.push({
  model: "class-conditional full covariance (QDA), log p(x, diagnosis)",
  testLL: qda,
  accuracy: correct / test.x.length,
});
for (const r of rows)
  process.stdout.write(
    `${Object.entries(r)
      .map(([k, v]) => `${k}=${typeof v === "number" ? Number(v.toFixed(4)) : v}`)
      .join("  ")}\n`,
  );
process.stdout.write(`${JSON.stringify(rows)}\n`);
