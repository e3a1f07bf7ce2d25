/**
 * `npm run explain:planted-transformer`: the planted-fault check of tests/unit/explain on a tiny
 * encoder of the spam builder (vocab 10, d 16, 2 layers, 2 heads, FFN 32, 9 tokens; majority
 * task; 256 training rows, 30 Adam steps, seed 4), for several corrupted FFN neurons (incoming
 * weights and bias × −50 or × 50; a corruption that causes no error is reported as such) and
 * both saliency modes: the rank of the corrupted neuron within its layer's 32, per error and
 * for the set (median scores), by z and by POT; reference: the corrupted model's correct rows
 * of a 300-row validation set.
 */
import { createRng } from "../../shared/numeric/rng.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { scoreGroups, scoreSet } from "./group-scores.ts";
import { majorityTask, plantNeuron, predictRows, TINY_CONFIG, trainTiny } from "./tiny-transformer.ts";
import { rowSaliency, transformerReference } from "./transformer-explain.ts";
import { transformerGroups } from "./transformer-saliency.ts";

const PLACEMENTS = [
  [1, 12, -50],
  [1, 25, -50],
  [0, 0, -50],
  [0, 7, -50],
  [1, 3, 50],
] as const;

await useWasmBackend();
const t0 = performance.now();
const train = majorityTask(createRng(1), 256);
const valid = majorityTask(createRng(2), 300);
const test = majorityTask(createRng(3), 300);
const model = trainTiny(4, train, 30);
const before = predictRows(model, test);
const groups = transformerGroups(TINY_CONFIG);
const accuracy = before.filter((p, i) => p === test.labels[i]).length / test.rows;
console.log(`tiny encoder: test accuracy ${(100 * accuracy).toFixed(1)} % before corruption\n`);
console.log(
  "| neuron | × | errors caused | saliency | first by z (per error) | first by POT | mean rank z | mean rank POT | set rank z | set rank POT |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const [layer, j, factor] of PLACEMENTS) {
  const bad = plantNeuron(model, layer, j, factor);
  const after = predictRows(bad, test);
  const caused = [...test.labels.keys()].filter((i) => before[i] === test.labels[i] && after[i] !== test.labels[i]);
  const name = `L${layer} neuron ${j}`;
  if (caused.length === 0) {
    console.log(`| ${name} | ${factor} | 0 | – | – | – | – | – | – | – |`);
    continue;
  }
  for (const mode of ["share", "raw"] as const) {
    const ref = transformerReference(bad, groups, valid, valid.labels, 0.1, mode);
    const perError = caused.map((i) => rowSaliency(bad, test, i, test.labels[i]!, mode).values);
    const rows = perError.map((v) => scoreGroups(groups, ref, v).find((r) => r.name === name)!);
    const set = scoreSet(groups, ref, perError).find((r) => r.name === name)!;
    const n = caused.length;
    const first = (key: "zRank" | "potRank") => {
      const k = rows.filter((r) => r[key] === 1).length;
      return `${k} (${((100 * k) / n).toFixed(0)} %)`;
    };
    const mean = (key: "zRank" | "potRank") => (rows.reduce((s, r) => s + r[key], 0) / n).toFixed(2);
    console.log(
      `| ${name} | ${factor} | ${n} | ${mode} | ${first("zRank")} | ${first("potRank")} | ${mean("zRank")} | ${mean("potRank")} | ${set.zRank} | ${set.potRank} |`,
    );
  }
}
console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s`);
