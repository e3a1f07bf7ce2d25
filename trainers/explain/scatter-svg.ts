/**
 * z-score against POT score for every (error, hidden neuron) pair of a survey, as a standalone
 * SVG: grey dots for all pairs, orange for the POT top-1 of each error, blue rings for the
 * z-score top-1. Both axes are log10(1 + score) (z clipped at 0), so the bulk and the capped
 * tail (POT ≥ 300) both show.
 */
export interface ScorePoint {
  z: number;
  pot: number;
  potFirst: boolean;
  zFirst: boolean;
}

const SIZE = 360;
const MARGIN = 50;
const WIDTH = 620; // room for the title and legend

export function scatterSvg(points: readonly ScorePoint[], title: string): string {
  const tx = (p: ScorePoint) => Math.log10(1 + Math.max(0, p.z));
  const ty = (p: ScorePoint) => Math.log10(1 + p.pot);
  const xMax = Math.max(1, ...points.map(tx)),
    yMax = Math.max(1, ...points.map(ty));
  const px = (v: number) => (MARGIN + (v / xMax) * SIZE).toFixed(1);
  const py = (v: number) => (MARGIN + SIZE - (v / yMax) * SIZE).toFixed(1);
  const parts = [`<rect x="${MARGIN}" y="${MARGIN}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#999"/>`];
  for (const tick of [0, 1, 10, 100]) {
    const v = Math.log10(1 + tick);
    if (v <= xMax)
      parts.push(`<text x="${px(v)}" y="${MARGIN + SIZE + 16}" text-anchor="middle" font-size="11">${tick}</text>`);
    if (v <= yMax) parts.push(`<text x="${MARGIN - 6}" y="${py(v)}" text-anchor="end" font-size="11">${tick}</text>`);
  }
  parts.push(
    `<text x="${MARGIN + SIZE / 2}" y="${MARGIN + SIZE + 36}" text-anchor="middle">z-score (log10(1 + z))</text>`,
  );
  parts.push(
    `<text transform="translate(${MARGIN - 34},${MARGIN + SIZE / 2}) rotate(-90)" text-anchor="middle">POT −log10 p (log10(1 + score))</text>`,
  );
  // Thousands of grey dots as one path of zero-length round-capped segments (a tenth of the bytes).
  const grey = points
    .filter((p) => !p.potFirst)
    .map((p) => `M${Math.round(Number(px(tx(p))))} ${Math.round(Number(py(ty(p))))}h0`);
  parts.push(`<path d="${grey.join("")}" stroke="#bbb" stroke-width="3" stroke-linecap="round"/>`);
  for (const p of points)
    if (p.potFirst) parts.push(`<circle cx="${px(tx(p))}" cy="${py(ty(p))}" r="2.4" fill="#d95f02"/>`);
  for (const p of points)
    if (p.zFirst) parts.push(`<circle cx="${px(tx(p))}" cy="${py(ty(p))}" r="4" fill="none" stroke="#1f78b4"/>`);
  const legend = "grey: every (error, neuron); orange: POT's first neuron of an error; blue ring: the z-score's first";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${SIZE + 2 * MARGIN + 30}" font-family="sans-serif">
<text x="${MARGIN}" y="${MARGIN - 22}" font-size="13">${title}</text>
<text x="${MARGIN}" y="${MARGIN - 6}" font-size="10">${legend}</text>
${parts.join("\n")}
</svg>
`;
}
