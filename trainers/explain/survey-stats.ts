import { spearman } from "./format.ts";
import { scoreGroups, type Group, type GroupRow, type Reference } from "./group-scores.ts";

/**
 * Agreement of the z-score and the POT score over a set of explained errors, as the cells of
 * one markdown row: errors; per layer, how often both put the same group first (heads, then FFN
 * neurons); the mean Spearman ρ of the two rankings of each layer's FFN neurons; and, over all
 * FFN neurons of every layer ranked together (both scores are per-group standardised, so they
 * are comparable across layers), the mean number of the top 10 that sit in the LAST layer.
 */
const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(0)} %`;

export function surveyRows(groups: readonly Group[], ref: Reference, perError: readonly ArrayLike<number>[]): string {
  const n = perError.length;
  if (n === 0) return "0 | – | – | – | –";
  const layers = [...new Set(groups.map((g) => g.layer))];
  const heads = layers.filter((l) => l.endsWith("heads"));
  const ffn = layers.filter((l) => l.endsWith("FFN"));
  const last = ffn[ffn.length - 1]!;
  const same = new Map<string, number>(layers.map((l) => [l, 0]));
  const rho = new Map<string, number>(ffn.map((l) => [l, 0]));
  let lastZ = 0,
    lastPot = 0;
  for (const values of perError) {
    const rows = scoreGroups(groups, ref, values);
    for (const layer of layers) {
      const members = rows.filter((r) => r.layer === layer);
      if (members.find((r) => r.zRank === 1) === members.find((r) => r.potRank === 1))
        same.set(layer, same.get(layer)! + 1);
      if (rho.has(layer))
        rho.set(
          layer,
          rho.get(layer)! +
            spearman(
              members.map((r) => r.zRank),
              members.map((r) => r.potRank),
            ),
        );
    }
    const all = rows.filter((r) => r.layer.endsWith("FFN"));
    const top = (key: "z" | "pot") =>
      [...all]
        .sort((a: GroupRow, b: GroupRow) => b[key] - a[key] || b.z - a.z)
        .slice(0, 10)
        .filter((r) => r.layer === last).length;
    lastZ += top("z");
    lastPot += top("pot");
  }
  return [
    n,
    heads.map((l) => pct(same.get(l)!, n)).join(" / "),
    ffn.map((l) => pct(same.get(l)!, n)).join(" / "),
    ffn.map((l) => (rho.get(l)! / n).toFixed(3)).join(" / "),
    `${(lastZ / n).toFixed(1)} / ${(lastPot / n).toFixed(1)}`,
  ].join(" | ");
}
