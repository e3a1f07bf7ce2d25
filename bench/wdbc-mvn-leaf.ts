/**
 * Trainer-side figures of the multivariate Gaussian (NIW) leaf on wdbc (issue 12): for each
 * structure, one chain as the default command's final chain runs it (same options, --budget-s
 * CPU seconds, trained on the train split), scored by the trainer's collapsed predictive (the
 * ensemble of its members): valid and test LL in nats/row (user units) and diagnosis accuracy
 * through p(diagnosis | rest) on valid and test. These are NOT served figures: the served engine
 * has no multivariate leaf yet, so spn:score cannot score such a model.
 * With "search" instead of labels, it runs the default command's successive-halving search over
 * withMvnLeaves(searchGrid(rows)) (every default structure with product and with NIW leaves),
 * chosen on validation LL within budget-s, and prints every chain and the winner's figures.
 * Run: npx tsx bench/wdbc-mvn-leaf.ts [budget-s] [labels,...|search]   (wdbc from ../shared/data)
 */
import { existsSync } from "node:fs";
import { logSumExp } from "../shared/numeric/log-space.ts";
import { parseCliArgs } from "../trainers/spn/cli-args.ts";
import { grayOrder, type BinaryData } from "../trainers/spn/dataset.ts";
import { ensembleFromScores } from "../trainers/spn/evaluate.ts";
import { loadData } from "../trainers/spn/load-data.ts";
import type { StructureOptions } from "../trainers/spn/region-graph.ts";
import { logScaleOffset } from "../trainers/spn/table-encode.ts";
import { servedLogLikelihoods } from "./wdbc-mvn-served.ts";
import { searchAndTrain, searchGrid, withMvnLeaves } from "../trainers/spn/structure-search.ts";
import { train, type TrainResult } from "../trainers/spn/train.ts";

const DIR = "../shared/data/tabular/wdbc";
if (!existsSync(`${DIR}/wdbc.train.csv`)) {
  process.stderr.write(`wdbc-mvn-leaf: no ${DIR}/wdbc.train.csv\n`);
  process.exit(2);
}
const budget = Number(process.argv[2] ?? 60);
const files = ["--train", `${DIR}/wdbc.train.csv`, "--valid", `${DIR}/wdbc.valid.csv`, "--test", `${DIR}/wdbc.test.csv`];
const args = parseCliArgs([...files, "--out", "/tmp/wdbc-mvn", "--budget-s", String(budget)]);
const loaded = loadData(args.train, args.valid, args.test, args.table);

const s = (split: "mi" | "random", J: number, K: number, L: number, leaf: "product" | "mvn"): [string, StructureOptions] =>
  [`${split} J${J} K${K} L${L} ${leaf}`, { partitions: J, sumComponents: K, leafComponents: K, depth: L, split, leaf }];
const ALL = [
  s("mi", 4, 5, 3, "product"), s("mi", 4, 5, 3, "mvn"), s("mi", 64, 5, 1, "mvn"), s("mi", 8, 5, 2, "mvn"),
  s("mi", 4, 3, 2, "mvn"), s("mi", 1, 5, 0, "mvn"), s("mi", 1, 10, 0, "mvn"), s("mi", 16, 5, 1, "mvn"),
];
const pick = process.argv[3]?.split(",");
const grid = pick && pick[0] !== "search" ? ALL.filter(([label]) => pick.some((p) => label.includes(p))) : ALL;

/** Copies of a set with the target column set to each state: log p(x_-t, t = k) per member. */
function withTarget(data: BinaryData, col: number, k: number): BinaryData {
  const x = data.x.slice();
  for (let n = 0; n < data.rows; n++) x[n * data.cols + col] = k;
  return { ...data, x };
}

const columns = loaded.columns!;
const target = columns.findIndex((c) => c.name === "diagnosis");
const valid = loaded.valid!;
const test = loaded.test!;
const sets = [valid, test, withTarget(valid, target, 0), withTarget(valid, target, 1), withTarget(test, target, 0), withTarget(test, target, 1)];

/**
 * The scorer visits a set in its Gray order (trace.ts createScorer), which differs between the
 * two target copies, so rows are matched by their continuous cells (unique on wdbc).
 */
const rowKey = (d: BinaryData, n: number): string => Array.from(d.values!.subarray(n * d.cols, (n + 1) * d.cols)).join(",");
function accuracy(per0: Float64Array[], per1: Float64Array[], data: BinaryData, copy0: BinaryData, copy1: BinaryData): number {
  const ensemble = (per: Float64Array[], copy: BinaryData): Map<string, number> => {
    const sorted = grayOrder(copy);
    const column = new Float64Array(per.length);
    const out = new Map<string, number>();
    for (let n = 0; n < sorted.rows; n++) {
      per.forEach((m, i) => (column[i] = m[n]!));
      out.set(rowKey(sorted, n), logSumExp(column));
    }
    return out;
  };
  const [l0, l1] = [ensemble(per0, copy0), ensemble(per1, copy1)];
  let right = 0;
  for (let n = 0; n < data.rows; n++) {
    const key = rowKey(data, n);
    if ((l1.get(key)! > l0.get(key)! ? 1 : 0) === data.x[n * data.cols + target]) right++;
  }
  return right / data.rows;
}

const row = (label: string, r: TrainResult): string => {
  const ll = (i: number, d: BinaryData): number => ensembleFromScores(r.memberScores[i]!) - logScaleOffset(d);
  return `| ${label} | ${r.seconds.toFixed(0)} | ${r.sweeps.toFixed(0)} | ${ll(0, valid).toFixed(2)} | ${ll(1, test).toFixed(2)} | ${(100 * accuracy(r.memberScores[2]!, r.memberScores[3]!, valid, sets[2]!, sets[3]!)).toFixed(1)} % | ${(100 * accuracy(r.memberScores[4]!, r.memberScores[5]!, test, sets[4]!, sets[5]!)).toFixed(1)} % |\n`;
};
/** The same figures with the members served as Gaussians (wdbc-mvn-served.ts), rows in file order. */
const served = (label: string, r: TrainResult): string => {
  const per = (d: BinaryData): Float64Array[] => r.members.map((m) => servedLogLikelihoods(r.graph, r.state.tab!.mvn, m, d));
  const ll = (d: BinaryData): number => ensembleFromScores(per(d)) - logScaleOffset(d);
  const acc = (d0: BinaryData, d1: BinaryData, d: BinaryData): number => {
    const [p0, p1] = [per(d0), per(d1)];
    let right = 0;
    for (let n = 0; n < d.rows; n++) {
      const l0 = logSumExp(Float64Array.from(p0, (m) => m[n]!));
      const l1 = logSumExp(Float64Array.from(p1, (m) => m[n]!));
      if ((l1 > l0 ? 1 : 0) === d.x[n * d.cols + target]) right++;
    }
    return (100 * right) / d.rows;
  };
  return `| ${label}, served as Gaussians | | | ${ll(valid).toFixed(2)} | ${ll(test).toFixed(2)} | ${acc(sets[2]!, sets[3]!, valid).toFixed(1)} % | ${acc(sets[4]!, sets[5]!, test).toFixed(1)} % |\n`;
};
const HEAD = `| structure | CPU s | sweeps | valid LL | test LL | valid acc. | test acc. |\n|---|---|---|---|---|---|---|\n`;
if (pick?.[0] === "search") {
  const found = searchAndTrain(loaded.train, valid, args.options, sets, withMvnLeaves(searchGrid(loaded.train.rows)), undefined, (c) =>
    process.stderr.write(`candidate ${c.label} round ${c.round}: valid LL ${c.validLogLikelihood.toFixed(3)} (standardised) in ${c.seconds.toFixed(1)} s\n`));
  process.stdout.write(`search over ${withMvnLeaves(searchGrid(loaded.train.rows)).length} candidates, --budget-s ${budget}: chosen ${found.winner.label}\n${HEAD}`);
  process.stdout.write(row(`${found.winner.label} (final chain)`, found.result));
  process.stdout.write(served(`${found.winner.label} (final chain)`, found.result));
} else {
  process.stdout.write(HEAD);
  for (const [label, structure] of grid) {
    const r = train(loaded.train, valid, { ...args.options, structure, budgetS: budget }, undefined, sets);
    process.stdout.write(row(label, r) + served(label, r));
  }
}
