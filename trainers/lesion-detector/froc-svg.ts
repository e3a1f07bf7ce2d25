import type { FrocPoint } from "./froc.ts";

const COLOURS = ["#1b6ca8", "#c0392b", "#27ae60", "#8e44ad"];

/** Sensitivity at each FP-per-image grid value: the best sensitivity reached with at most that many FPs. */
export function sensitivityOnGrid(points: readonly FrocPoint[], grid: readonly number[]): number[] {
  return grid.map((g) =>
    points.reduce((best, p) => (p.fpPerImage <= g && p.sensitivity > best ? p.sensitivity : best), 0),
  );
}

/** FROC curves (mean over seeds per curriculum) for 0–1 false positives per image, as an SVG. */
export function frocSvg(
  curves: readonly { label: string; sensitivity: readonly number[] }[],
  grid: readonly number[],
): string {
  const [w, h, m] = [480, 320, 48];
  const x = (f: number) => m + (f / grid[grid.length - 1]!) * (w - 2 * m);
  const y = (s: number) => h - m - s * (h - 2 * m);
  const lines = curves.map((c, i) => {
    const d = c.sensitivity
      .map((s, j) => `${j === 0 ? "M" : "L"}${x(grid[j]!).toFixed(1)},${y(s).toFixed(1)}`)
      .join(" ");
    return (
      `<path d="${d}" fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2"/>` +
      `<text x="${w - m - 140}" y="${m + 16 * i}" fill="${COLOURS[i % COLOURS.length]}" font-size="12">${c.label}</text>`
    );
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (t) =>
      `<text x="${x(t * grid[grid.length - 1]!).toFixed(1)}" y="${h - m + 16}" font-size="11" text-anchor="middle">${t * grid[grid.length - 1]!}</text>` +
      `<text x="${m - 6}" y="${(y(t) + 4).toFixed(1)}" font-size="11" text-anchor="end">${t}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<path d="M${m},${m} L${m},${h - m} L${w - m},${h - m}" fill="none" stroke="black"/>`,
    ...ticks,
    `<text x="${w / 2}" y="${h - 10}" font-size="12" text-anchor="middle">false positives per image</text>`,
    `<text x="14" y="${h / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${h / 2})">sensitivity</text>`,
    ...lines,
    "</svg>",
    "",
  ].join("\n");
}
