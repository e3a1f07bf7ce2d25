import type { GroupRow } from "./explain.ts";

/** One layer's groups as a markdown table, in the rows' order (POT rank). */
export function table(
  rows: readonly GroupRow[],
  layer: string,
  top: number,
  title = `${layer} layer`,
  saliency = "saliency ‖∇‖",
): string {
  const lines = [
    `${title}, by POT score (top ${Math.min(top, rows.length)} of ${rows.length})`,
    "",
    `| group | ${saliency} | z-score | z rank | POT −log10 p | POT rank |`,
    "|---|---|---|---|---|---|",
  ];
  for (const r of rows.slice(0, top))
    lines.push(
      `| ${r.name} | ${r.saliency.toFixed(4)} | ${r.z.toFixed(2)} | ${r.zRank} | ${r.pot >= 300 ? "≥ 300" : r.pot.toFixed(2)} | ${r.potRank} |`,
    );
  return lines.join("\n");
}

/** Spearman rank correlation of two rank vectors (no ties: ranks are a permutation). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const d2 = a.reduce((s, r, i) => s + (r - b[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}
