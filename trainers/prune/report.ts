import type { ImpRow } from "./imp.ts";

const pct = (v: number) => (v * 100).toFixed(1);
const fixed = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : "—");

/** The sparsity–accuracy table: test figures, the bound's sample, and the bound with its parts. */
export function impTable(rows: readonly ImpRow[], validationName: string): string {
  const names = Object.keys(rows[0]?.test.figures ?? {});
  const head = [
    "round",
    "sparsity %",
    "kept",
    ...names.map((n) => `test ${n}`),
    "test error",
    validationName,
    "bound-sample error",
    "σ",
    "ê(Q)",
    "KL weights (nats)",
    "ln C(n,k)",
    "bound",
  ];
  const lines = rows.map((r) =>
    [
      r.round,
      pct(r.sparsity),
      r.kept,
      ...names.map((n) => fixed(r.test.figures[n]!, 4)),
      fixed(r.test.error, 4),
      fixed(r.validation, 4),
      fixed(r.boundSampleError, 4),
      r.sigma,
      fixed(r.sampledError, 4),
      r.weightKl.toExponential(2),
      r.bound.maskNats.toExponential(2),
      fixed(r.bound.bound, 4),
    ].join(" | "),
  );
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...lines.map((l) => `| ${l} |`)].join(
    "\n",
  );
}

/** Test error and bound against sparsity (x: % of prunable weights removed), the dense test error dashed. */
export function impSvg(rows: readonly ImpRow[], title: string): string {
  const [W, H, M] = [520, 320, 50];
  const maxS = Math.max(0.01, ...rows.map((r) => r.sparsity));
  const x = (s: number) => (M + (s / maxS) * (W - 2 * M)).toFixed(1);
  const y = (e: number) => (H - M - Math.min(1, e) * (H - 2 * M)).toFixed(1);
  const line = (pick: (r: ImpRow) => number, colour: string, label: string, i: number) => [
    `<polyline points="${rows.map((r) => `${x(r.sparsity)},${y(pick(r))}`).join(" ")}" fill="none" stroke="${colour}" stroke-width="2"/>`,
    ...rows.map((r) => `<circle cx="${x(r.sparsity)}" cy="${y(pick(r))}" r="3" fill="${colour}"/>`),
    // The legend is a row between the title and the plot, clear of every line.
    `<text x="${M + 140 * (i - 1)}" y="38" fill="${colour}">${label}</text>`,
  ];
  const ticks = [0, 0.25, 0.5, 0.75, 1].flatMap((e) => [
    `<text x="${M - 6}" y="${y(e)}" text-anchor="end" font-size="10">${e}</text>`,
    `<line x1="${M}" x2="${W - M}" y1="${y(e)}" y2="${y(e)}" stroke="#eee"/>`,
  ]);
  const xTicks = rows.map(
    (r) => `<text x="${x(r.sparsity)}" y="${H - M + 14}" text-anchor="middle" font-size="10">${pct(r.sparsity)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<title>${title}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle">${title}</text>`,
    ...ticks,
    ...xTicks,
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">sparsity (% of prunable weights removed)</text>`,
    `<text transform="translate(14,${H / 2}) rotate(-90)" text-anchor="middle">error</text>`,
    `<line x1="${M}" x2="${W - M}" y1="${y(rows[0]!.test.error)}" y2="${y(rows[0]!.test.error)}" stroke="#888" stroke-dasharray="4 3"/>`,
    ...line((r) => r.test.error, "#1b9e77", "test error", 1),
    ...line((r) => r.bound.bound, "#d95f02", "PAC-Bayes bound", 2),
    ...line((r) => r.boundSampleError, "#7570b3", "error on bound sample", 3),
    `</svg>`,
    "",
  ].join("\n");
}
