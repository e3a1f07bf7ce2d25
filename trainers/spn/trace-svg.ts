import type { TracePoint } from "./trace.ts";

const W = 640;
const H = 360;
const M = { left: 64, right: 16, top: 28, bottom: 44 };

const fmt = (v: number): string =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/**
 * Hand-written SVG of log-likelihood (posterior-mean SPN of the current state, on fixed train and
 * valid subsamples) against training seconds. The y range starts after the random initial state,
 * whose likelihood would otherwise flatten the curve; lower points are clipped to the axis.
 */
export function traceSvg(trace: readonly TracePoint[], title: string): string {
  const xs = trace.map((p) => p.seconds);
  const series = [
    { name: "train", color: "#1f77b4", ys: trace.map((p) => p.trainLogLikelihood) },
    { name: "valid", color: "#ff7f0e", ys: trace.map((p) => p.validLogLikelihood ?? NaN) },
  ].filter((s) => s.ys.some(Number.isFinite));
  const later = series.flatMap((s) => s.ys.slice(trace.length > 2 ? 1 : 0)).filter(Number.isFinite);
  let yMin = Math.min(...later);
  let yMax = Math.max(...later);
  if (yMax - yMin < 1e-9) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const pad = (yMax - yMin) * 0.05;
  yMin -= pad;
  yMax += pad;
  const xMax = Math.max(1e-9, ...xs);
  const r1 = (v: number): number => Math.round(v * 10) / 10;
  const px = (x: number): number => r1(M.left + (x / xMax) * (W - M.left - M.right));
  const py = (y: number): number =>
    r1(M.top + (1 - (Math.max(y, yMin) - yMin) / (yMax - yMin)) * (H - M.top - M.bottom));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="16" text-anchor="middle" font-size="13">${esc(title)}</text>`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="black"/>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const x = (xMax * i) / 5;
    const y = yMin + ((yMax - yMin) * i) / 5;
    parts.push(`<line x1="${px(x)}" y1="${H - M.bottom}" x2="${px(x)}" y2="${H - M.bottom + 4}" stroke="black"/>`);
    parts.push(`<text x="${px(x)}" y="${H - M.bottom + 16}" text-anchor="middle">${fmt(x)}</text>`);
    parts.push(`<line x1="${M.left - 4}" y1="${py(y)}" x2="${M.left}" y2="${py(y)}" stroke="black"/>`);
    parts.push(`<text x="${M.left - 6}" y="${py(y) + 4}" text-anchor="end">${fmt(y)}</text>`);
  }
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">training time (s)</text>`);
  parts.push(
    `<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">log-likelihood (nats / sample)</text>`,
  );
  const switchAt = trace.findIndex((p, i) => i > 0 && p.sampler !== trace[i - 1]!.sampler);
  if (switchAt > 0) {
    const x = px(trace[switchAt]!.seconds);
    parts.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}" stroke="#999" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${x + 4}" y="${M.top + 12}" fill="#666">top-down → Gibbs</text>`);
  }
  series.forEach((s, i) => {
    const pts = s.ys
      .map((y, j) => (Number.isFinite(y) ? `${px(xs[j]!).toFixed(1)},${py(y).toFixed(1)}` : ""))
      .filter(Boolean);
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${pts.join(" ")}"/>`);
    const ly = H - M.bottom - 12 - 14 * i;
    parts.push(`<line x1="${W - 110}" y1="${ly}" x2="${W - 90}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<text x="${W - 86}" y="${ly + 4}">${s.name}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
