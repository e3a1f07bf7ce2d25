import type { PlaneRun } from "./plane.ts";

const COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
const PANEL = 300;
const MARGIN = 45;

/**
 * The information plane as a standalone SVG: one panel per training mode, nHSIC(X;T) on x and
 * nHSIC(Y;T) on y (axes from the lowest value seen up to 1), one polyline per hidden layer from the first record (open
 * circle) to the last (filled circle).
 */
export function planeSvg(runs: PlaneRun[], title: string): string {
  // Both axes start at the lowest value seen, rounded down to 0.05, so the trajectories fill the panel.
  const all = runs.flatMap((r) => r.trajectories.flat());
  const low = (v: number[]) => Math.max(0, Math.min(0.95, Math.floor(Math.min(...v) * 20) / 20));
  const xLow = low(all.map((q) => q.inputHsic));
  const yLow = low(all.map((q) => q.labelHsic));
  const width = runs.length * (PANEL + MARGIN) + MARGIN;
  const height = PANEL + 2 * MARGIN + 30;
  const parts: string[] = [];
  runs.forEach((run, p) => {
    const ox = MARGIN + p * (PANEL + MARGIN);
    const oy = MARGIN;
    const px = (v: number) => (ox + ((Math.min(1, v) - xLow) / (1 - xLow)) * PANEL).toFixed(1);
    const py = (v: number) => (oy + (1 - (Math.min(1, v) - yLow) / (1 - yLow)) * PANEL).toFixed(1);
    parts.push(`<rect x="${ox}" y="${oy}" width="${PANEL}" height="${PANEL}" fill="none" stroke="#999"/>`);
    parts.push(
      `<text x="${ox + PANEL / 2}" y="${oy - 8}" text-anchor="middle">${run.mode} (test acc ${(run.testAccuracy * 100).toFixed(1)} %)</text>`,
    );
    parts.push(`<text x="${ox + PANEL / 2}" y="${oy + PANEL + 32}" text-anchor="middle">nHSIC(X;T)</text>`);
    parts.push(
      `<text transform="translate(${ox - 30},${oy + PANEL / 2}) rotate(-90)" text-anchor="middle">nHSIC(Y;T)</text>`,
    );
    for (const f of [0, 0.5, 1]) {
      const tx = xLow + f * (1 - xLow);
      const ty = yLow + f * (1 - yLow);
      parts.push(
        `<text x="${px(tx)}" y="${oy + PANEL + 14}" text-anchor="middle" font-size="10">${tx.toFixed(3)}</text>`,
      );
      parts.push(`<text x="${ox - 4}" y="${py(ty)}" text-anchor="end" font-size="10">${ty.toFixed(3)}</text>`);
    }
    run.trajectories.forEach((points, l) => {
      const colour = COLOURS[l % COLOURS.length]!;
      const path = points.map((q) => `${px(q.inputHsic)},${py(q.labelHsic)}`).join(" ");
      parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="1.5"/>`);
      const first = points[0]!;
      const last = points[points.length - 1]!;
      parts.push(
        `<circle cx="${px(first.inputHsic)}" cy="${py(first.labelHsic)}" r="3" fill="white" stroke="${colour}"/>`,
      );
      parts.push(`<circle cx="${px(last.inputHsic)}" cy="${py(last.labelHsic)}" r="4" fill="${colour}"/>`);
    });
  });
  const legend =
    runs[0]?.trajectories.map(
      (_, l) =>
        `<text x="${MARGIN + l * 80}" y="${height - 8}" fill="${COLOURS[l % COLOURS.length]}">layer ${l + 1}</text>`,
    ) ?? [];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${title}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    ...legend,
    `</svg>`,
    "",
  ].join("\n");
}
