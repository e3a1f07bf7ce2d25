/**
 * Accuracy–coverage curves (selective prediction, Geifman & El-Yaniv 2017) of several scores on
 * one set, as standalone SVG: answering the fraction c of the inputs the score is most certain
 * about, the accuracy among those answered. A better uncertainty score stays higher for longer.
 */
export interface CurveLine {
  label: string;
  points: readonly (readonly [number, number])[];
}

const COLOURS = ["#222222", "#3b6fb6", "#d9534f", "#5cb85c", "#f0ad4e", "#8e44ad", "#17a2b8", "#b8860b", "#999999"];

export function coverageSvg(title: string, lines: readonly CurveLine[]): string {
  const W = 560;
  const H = 340;
  const pad = 46;
  const legendWidth = 0;
  const minAcc = Math.min(...lines.flatMap((l) => l.points.map(([, a]) => a)));
  const low = Math.max(0, Math.floor(minAcc * 20) / 20);
  const x = (c: number) => pad + c * (W - 2 * pad - legendWidth);
  const y = (a: number) => H - pad - ((a - low) / (1 - low)) * (H - 2 * pad);
  const paths = lines.map((l, k) => {
    const d = l.points.map(([c, a], i) => `${i ? "L" : "M"}${x(c).toFixed(1)},${y(a).toFixed(1)}`).join("");
    const dash = k === 0 ? ` stroke-dasharray="5 3"` : "";
    return `<path d="${d}" fill="none" stroke="${COLOURS[k % COLOURS.length]}" stroke-width="1.4"${dash}/>`;
  });
  const legend = lines.map(
    (l, k) =>
      `<text x="${pad + 8}" y="${H - pad - 10 - 13 * (lines.length - 1 - k)}" font-size="10" fill="${COLOURS[k % COLOURS.length]}">${escape(l.label)}</text>`,
  );
  const xticks = [0, 0.25, 0.5, 0.75, 1].map(
    (c) => `<text x="${x(c)}" y="${H - pad + 14}" font-size="10" text-anchor="middle">${c}</text>`,
  );
  const yticks = [low, (low + 1) / 2, 1].map(
    (a) => `<text x="${pad - 4}" y="${y(a) + 3}" font-size="10" text-anchor="end">${(100 * a).toFixed(0)}%</text>`,
  );
  return (
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
      `<rect width="${W}" height="${H}" fill="#fff"/>`,
      `<text x="${W / 2}" y="18" text-anchor="middle" font-size="12">${escape(title)}</text>`,
      `<rect x="${pad}" y="${pad}" width="${W - 2 * pad}" height="${H - 2 * pad}" fill="#fafafa" stroke="#999"/>`,
      ...paths,
      ...legend,
      ...xticks,
      ...yticks,
      `<text x="${W / 2}" y="${H - 10}" text-anchor="middle" font-size="10">coverage (fraction answered, most certain first)</text>`,
      `<text x="12" y="${H / 2}" font-size="10" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">accuracy among answered</text>`,
      `</svg>`,
    ].join("\n") + "\n"
  );
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
