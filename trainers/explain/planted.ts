/**
 * `npm run explain:planted`: the planted-fault check behind the docs' table. A 16-neuron MLP is
 * trained on the demo task (seed 3 splits: 1500 / 1000 / 1000), then one hidden neuron is
 * corrupted (incoming weights and bias × 50, × 10, × 5, or sign-flipped in and out); for the
 * test errors the corruption CAUSED (right before, wrong after), the rank of the corrupted
 * neuron among the 16 is recorded per error and for the set (median scores), by the z-score and
 * by the POT score, each reference being the corrupted model's correct validation examples.
 */
import { createRng } from "../../shared/numeric/rng.ts";
import { demoSplits } from "../classifier-demo/dataset.ts";
import { initMlp, trainMlp, type Mlp } from "../classifier-demo/mlp.ts";
import { predict } from "../long-tail/metrics.ts";
import { buildReference, explainErrors, explainExample } from "./explain.ts";
import { parameterGroups } from "./saliency.ts";

const CORRUPTIONS = [
  ["× 50", 5],
  ["× 50", 2],
  ["× 10", 7],
  ["× 5", 3],
  ["sign flip", 5],
  ["sign flip", 9],
] as const;

const { train, valid, test } = demoSplits(3, { train: 1500, valid: 1000, test: 1000 });
const mlp = initMlp(createRng(1), 8, 16, 3);
trainMlp(createRng(2), mlp, train, { epochs: 10, batch: 32, learningRate: 0.02, momentum: 0.9, weightDecay: 1e-4 });
const before = predict(mlp, test);
const groups = parameterGroups(mlp, ["alpha", "beta", "gamma"]);
console.log(
  "| corruption | neuron | errors caused | first by z (per error) | first by POT | mean rank z | mean rank POT | set rank z | set rank POT |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const [kind, j] of CORRUPTIONS) {
  const bad: Mlp = { ...mlp, w1: mlp.w1.slice(), b1: mlp.b1.slice(), wh: mlp.wh.slice() };
  const factor = kind === "sign flip" ? -1 : Number(kind.slice(2));
  for (let d = 0; d < 8; d++) bad.w1[j * 8 + d]! *= factor;
  bad.b1[j]! *= factor;
  if (kind === "sign flip") for (let c = 0; c < 3; c++) bad.wh[c * 16 + j]! *= -1;
  const after = predict(bad, test);
  const caused = [...test.y.keys()].filter((i) => before[i] === test.y[i] && after[i] !== test.y[i]);
  const reference = buildReference(bad, valid);
  const name = `neuron ${j}`;
  let zFirst = 0,
    potFirst = 0,
    zSum = 0,
    potSum = 0;
  for (const i of caused) {
    const row = explainExample(bad, reference, groups, test.x, i * 8, test.y[i]!).rows.find((r) => r.name === name)!;
    zFirst += row.zRank === 1 ? 1 : 0;
    potFirst += row.potRank === 1 ? 1 : 0;
    zSum += row.zRank;
    potSum += row.potRank;
  }
  const set = explainErrors(bad, reference, groups, test, caused).find((r) => r.name === name)!;
  const n = caused.length;
  const pct = (k: number) => `${k} (${((100 * k) / n).toFixed(0)} %)`;
  console.log(
    `| ${kind} | ${j} | ${n} | ${pct(zFirst)} | ${pct(potFirst)} | ${(zSum / n).toFixed(2)} | ${(potSum / n).toFixed(2)} | ${set.zRank} | ${set.potRank} |`,
  );
}
