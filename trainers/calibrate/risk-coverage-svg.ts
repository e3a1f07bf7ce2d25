import type { AbstainMetric } from "../../shared/classify/artifact-schema.ts";
import { uncertaintyOf, type AbstainInputs } from "../../shared/classify/abstain.ts";

/**
 * Risk–coverage curve (Geifman & El-Yaniv 2017) as standalone SVG: answering the most certain
 * fraction c of the served examples by the model's abstention metric, the error rate among those
 * answered; the target error (1 − target accuracy) dashed, and the operating points of the
 * risk-controlled rule over the random calibration draws as dots.
 */
export function riskCoverageSvg(
  title: string,
  metric: AbstainMetric,
  scores: readonly AbstainInputs[],
  correct: readonly boolean[],
  targetAccuracy: number,
  points: { answered: number; accuracy: number }[],
): string {
  const W = 420;
  const H = 300;
  const pad = 44;
  const n = scores.length;
  const u = scores.map((s) => uncertaintyOf(s, metric));
  const order = u.map((_, i) => i).sort((a, b) => u[a]! - u[b]!);
  const curve: [number, number][] = [];
  let errors = 0;
  order.forEach((i, k) => {
    if (!correct[i]) errors++;
    curve.push([(k + 1) / n, errors / (k + 1)]);
  });
  const maxRisk = Math.max(2 * (1 - targetAccuracy), ...curve.map(([, r]) => r)) * 1.05;
  const x = (c: number) => pad + c * (W - 2 * pad);
  const y = (r: number) => H - pad - (r / maxRisk) * (H - 2 * pad);
  const path = curve.map(([c, r], k) => `${k ? "L" : "M"}${x(c).toFixed(1)},${y(r).toFixed(1)}`).join("");
  const dots = points
    .filter((p) => p.answered > 0)
    .map(
      (p) =>
        `<circle cx="${x(p.answered).toFixed(1)}" cy="${y(1 - p.accuracy).toFixed(1)}" r="2" fill="#d9534f" fill-opacity="0.4"/>`,
    );
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (c) => `<text x="${x(c)}" y="${H - pad + 14}" font-size="10" text-anchor="middle">${c}</text>`,
  );
  const rticks = [0, maxRisk / 2, maxRisk].map(
    (r) => `<text x="${pad - 4}" y="${y(r) + 3}" font-size="10" text-anchor="end">${(100 * r).toFixed(1)}%</text>`,
  );
  return (
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
      `<rect width="${W}" height="${H}" fill="#fff"/>`,
      `<text x="${W / 2}" y="18" text-anchor="middle" font-size="12">${escape(title)}</text>`,
      `<rect x="${pad}" y="${pad}" width="${W - 2 * pad}" height="${H - 2 * pad}" fill="#fafafa" stroke="#999"/>`,
      `<line x1="${x(0)}" y1="${y(1 - targetAccuracy)}" x2="${x(1)}" y2="${y(1 - targetAccuracy)}" stroke="#555" stroke-dasharray="4 3"/>`,
      `<text x="${x(0) + 4}" y="${y(1 - targetAccuracy) - 4}" font-size="10">target error ${(100 * (1 - targetAccuracy)).toFixed(1)}%</text>`,
      `<path d="${path}" fill="none" stroke="#3b6fb6" stroke-width="1.5"/>`,
      ...dots,
      ...ticks,
      ...rticks,
      `<text x="${W / 2}" y="${H - 8}" text-anchor="middle" font-size="10">coverage (fraction answered, most certain by ${metric} first)</text>`,
      `<text x="12" y="${H / 2}" font-size="10" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">error among answered</text>`,
      `</svg>`,
    ].join("\n") + "\n"
  );
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
