import type { Classifier } from "../../shared/classify/classifier.ts";
import type { Dataset } from "../classifier-demo/dataset.ts";
import type { Mlp } from "../classifier-demo/mlp.ts";
import { explainErrors, explainExample, type Reference } from "./explain.ts";
import { spearman, table } from "./format.ts";
import type { Group } from "./saliency.ts";
import type { ScorePoint } from "./scatter-svg.ts";

/**
 * Every error the SERVED model makes on a test split (its predicted label, from the served
 * pipeline, differs from the truth), each explained; reported: how often the z-score and the
 * POT score agree on the top hidden neuron, their rank correlation, top-5 overlap, the neurons
 * most often ranked first, and per true class the set-level ranking (median scores).
 */
export async function surveyErrors(
  classifier: Classifier,
  mlp: Mlp,
  ref: Reference,
  groups: readonly Group[],
  test: Dataset,
  labels: readonly string[],
  top: number,
): Promise<{ markdown: string; points: ScorePoint[] }> {
  const served: string[] = [];
  for (let start = 0; start < test.n; start += 64) {
    const rows = Array.from({ length: Math.min(64, test.n - start) }, (_, k) =>
      Array.from(test.x.subarray((start + k) * mlp.inputs, (start + k + 1) * mlp.inputs), Math.fround),
    );
    served.push(...(await classifier.classify({ inputs: rows })).predictions.map((p) => p.label));
  }
  const errors = [...test.y.keys()].filter((i) => served[i] !== labels[test.y[i]!]);
  const x32 = Float32Array.from(test.x); // the served input is float32
  const test32: Dataset = { ...test, x: Float64Array.from(x32) };
  let sameTop = 0,
    rho = 0,
    overlap = 0;
  const points: ScorePoint[] = [];
  const firstPot = new Map<string, number>(),
    firstZ = new Map<string, number>();
  for (const i of errors) {
    const hidden = explainExample(mlp, ref, groups, x32, i * mlp.inputs, test.y[i]!).rows.filter(
      (r) => r.layer === "hidden",
    );
    const byZ = [...hidden].sort((a, b) => a.zRank - b.zRank);
    for (const r of hidden) points.push({ z: r.z, pot: r.pot, potFirst: r.potRank === 1, zFirst: r.zRank === 1 });
    if (byZ[0]!.name === hidden[0]!.name) sameTop++;
    rho += spearman(
      hidden.map((r) => r.zRank),
      hidden.map((r) => r.potRank),
    );
    const potTop5 = new Set(hidden.slice(0, 5).map((r) => r.name));
    overlap += byZ.slice(0, 5).filter((r) => potTop5.has(r.name)).length / 5;
    firstPot.set(hidden[0]!.name, (firstPot.get(hidden[0]!.name) ?? 0) + 1);
    firstZ.set(byZ[0]!.name, (firstZ.get(byZ[0]!.name) ?? 0) + 1);
  }
  const n = errors.length;
  const common = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([g, c]) => `${g} (${c})`)
      .join(", ");
  const out = [
    `${n} errors of the served model on ${test.n} test examples; reference ${ref.examples} correct validation examples.`,
    "",
    "| agreement of z-score and POT (hidden layer), over the errors | value |",
    "|---|---|",
    `| same top-1 neuron | ${((100 * sameTop) / n).toFixed(1)} % |`,
    `| mean Spearman ρ of the two rankings | ${(rho / n).toFixed(3)} |`,
    `| mean top-5 overlap | ${((100 * overlap) / n).toFixed(1)} % |`,
    `| most often first by POT | ${common(firstPot)} |`,
    `| most often first by z-score | ${common(firstZ)} |`,
  ];
  labels.forEach((label, c) => {
    const rows = errors.filter((i) => test.y[i] === c);
    if (rows.length === 0) return;
    const set = explainErrors(mlp, ref, groups, test32, rows).filter((r) => r.layer === "hidden");
    out.push("", `True ${label}: ${rows.length} errors, median scores; ` + table(set, "hidden", top));
  });
  return { markdown: out.join("\n"), points };
}
