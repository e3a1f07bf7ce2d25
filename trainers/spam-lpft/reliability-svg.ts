import type { ReliabilityBin } from "../../shared/calibration/metrics.ts";

/**
 * A reliability diagram (Guo et al. 2017, fig. 1) as standalone SVG: per confidence bin the
 * accuracy (bars) against the diagonal of perfect calibration, before and after temperature
 * scaling side by side, with the gap shaded.
 */
export function reliabilitySvg(
  title: string,
  panels: { label: string; bins: ReliabilityBin[]; ece: number }[],
): string {
  const W = 260;
  const H = 260;
  const pad = 34;
  const inner = W - 2 * pad;
  const parts: string[] = [];
  panels.forEach((p, k) => {
    const ox = k * W;
    const x = (v: number) => ox + pad + v * inner;
    const y = (v: number) => H - pad + 0 - v * inner;
    const bw = inner / p.bins.length;
    parts.push(`<rect x="${x(0)}" y="${y(1)}" width="${inner}" height="${inner}" fill="#fafafa" stroke="#999"/>`);
    p.bins.forEach((b, m) => {
      if (b.count === 0) return;
      const left = x(m / p.bins.length);
      parts.push(
        `<rect x="${left.toFixed(1)}" y="${y(b.accuracy).toFixed(1)}" width="${bw.toFixed(1)}" height="${(b.accuracy * inner).toFixed(1)}" fill="#3b6fb6" stroke="#fff" stroke-width="0.5"><title>${b.count} examples, accuracy ${b.accuracy.toFixed(3)}, confidence ${b.confidence.toFixed(3)}</title></rect>`,
      );
      parts.push(
        `<rect x="${left.toFixed(1)}" y="${y(Math.max(b.accuracy, b.confidence)).toFixed(1)}" width="${bw.toFixed(1)}" height="${(Math.abs(b.accuracy - b.confidence) * inner).toFixed(1)}" fill="#d9534f" fill-opacity="0.35"/>`,
      );
    });
    parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#555" stroke-dasharray="4 3"/>`);
    parts.push(
      `<text x="${ox + W / 2}" y="${pad - 14}" text-anchor="middle" font-size="12">${escape(p.label)} — ECE ${(100 * p.ece).toFixed(2)}%</text>`,
    );
    parts.push(`<text x="${ox + W / 2}" y="${H - 8}" text-anchor="middle" font-size="10">confidence</text>`);
    parts.push(
      `<text x="${ox + 10}" y="${H / 2}" font-size="10" transform="rotate(-90 ${ox + 10} ${H / 2})" text-anchor="middle">accuracy</text>`,
    );
  });
  const width = W * panels.length;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 20}" viewBox="0 0 ${width} ${H + 20}" font-family="sans-serif">\n<text x="${width / 2}" y="14" text-anchor="middle" font-size="13" font-weight="bold">${escape(title)}</text>\n<g transform="translate(0 14)">${parts.join("\n")}</g>\n</svg>\n`;
}

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
