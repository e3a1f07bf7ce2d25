/**
 * Trainer-side figures of the multivariate Gaussian (NIW) leaf (issue 12) on wdbc or penguins:
 * for each structure, one chain as the default command's final chain runs it (same options,
 * --budget-s CPU seconds, trained on the train split), scored by the trainer's collapsed
 * predictive (the ensemble of its members): valid and test LL in nats/row (user units) and the
 * target's accuracy through p(target | rest) (wdbc: diagnosis; penguins: Species). Each line is
 * followed by the same members served as Gaussians (spn-mvn-served.ts, which the engine's "mvn"
 * node kind reproduces; tests/unit/spn-trainer/mvn-artifact.test.ts). These are trainer-side
 * figures: the shipped model's served figures come from `npm run spn:score`.
 * With "search" instead of labels, it runs the default command's successive-halving search over
 * withMvnLeaves(searchGrid(rows)) (every default structure with product and with NIW leaves),
 * chosen on validation LL within budget-s, and prints the winner's figures.
 * Run: npx tsx bench/spn-mvn-leaf.ts [budget-s] [labels,...|search] [wdbc|penguins]
 */
import { existsSync } from "node:fs";
import { logSumExp } from "../shared/numeric/log-space.ts";
import { parseCliArgs } from "../trainers/spn/cli-args.ts";
import { grayOrder, type BinaryData } from "../trainers/spn/dataset.ts";
import { ensembleFromScores } from "../trainers/spn/evaluate.ts";
import { loadData } from "../trainers/spn/load-data.ts";
import type { StructureOptions } from "../trainers/spn/region-graph.ts";
import { searchAndTrain, searchGrid, withMvnLeaves } from "../trainers/spn/structure-search.ts";
import { logScaleOffset } from "../trainers/spn/table-encode.ts";
import { train, type TrainResult } from "../trainers/spn/train.ts";
import { servedLogLikelihoods } from "./spn-mvn-served.ts";

const WDBC = "../shared/data/tabular/wdbc";
const DATASETS = {
  wdbc: {
    target: "diagnosis",
    files: [
      "--train",
      `${WDBC}/wdbc.train.csv`,
      "--valid",
      `${WDBC}/wdbc.valid.csv`,
      "--test",
      `${WDBC}/wdbc.test.csv`,
    ],
  },
  // The shipped penguins model's command (its manifest): a seeded 60/20/20 split of the package's file.
  penguins: {
    target: "Species",
    files: ["--train", "node_modules/vega-datasets/data/penguins.json", "--split", "valid=0.2,test=0.2,seed=1"],
  },
};
const name = (process.argv[4] ?? "wdbc") as keyof typeof DATASETS;
const spec = DATASETS[name];
if (!spec || !existsSync(spec.files[1]!)) {
  process.stderr.write(`spn-mvn-leaf: unknown data set or missing file (${process.argv[4] ?? "wdbc"})\n`);
  process.exit(2);
}
const budget = Number(process.argv[2] ?? 60);
const args = parseCliArgs([...spec.files, "--out", "/tmp/spn-mvn", "--budget-s", String(budget)]);
const loaded = loadData(args.train, args.valid, args.test, args.table);

const s = (
  split: "mi" | "random",
  J: number,
  K: number,
  L: number,
  leaf: "product" | "mvn",
): [string, StructureOptions] => [
  `${split} J${J} K${K} L${L} ${leaf}`,
  { partitions: J, sumComponents: K, leafComponents: K, depth: L, split, leaf },
];
const ALL = [
  s("mi", 4, 5, 3, "product"),
  s("mi", 4, 5, 3, "mvn"),
  s("mi", 64, 5, 1, "mvn"),
  s("mi", 8, 5, 2, "mvn"),
  s("mi", 4, 3, 2, "mvn"),
  s("mi", 1, 5, 0, "mvn"),
  s("mi", 1, 10, 0, "mvn"),
  s("mi", 16, 5, 1, "mvn"),
  s("random", 64, 5, 1, "product"),
  s("random", 64, 5, 1, "mvn"),
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
const target = columns.findIndex((c) => c.name === spec.target);
const states = columns[target]!.states.length;
const valid = (loaded.valid ?? null)!;
const test = (loaded.test ?? null)!;
const copies = (d: BinaryData): BinaryData[] => Array.from({ length: states }, (_, k) => withTarget(d, target, k));
const sets = [valid, test, ...copies(valid), ...copies(test)];
const validCopies = sets.slice(2, 2 + states);
const testCopies = sets.slice(2 + states);

/** Share of rows whose observed target is the argmax over k of the ensemble's log p(x_-t, t = k). */
function accuracyFrom(perState: ((n: number) => number)[], data: BinaryData): number {
  let right = 0;
  let scored = 0;
  for (let n = 0; n < data.rows; n++) {
    const truth = data.x[n * data.cols + target]!;
    if (truth >= states) continue; // a missing target is not scored
    scored++;
    let best = 0;
    for (let k = 1; k < states; k++) if (perState[k]!(n) > perState[best]!(n)) best = k;
    if (best === truth) right++;
  }
  return (100 * right) / scored;
}

/**
 * The scorer visits a set in its Gray order (trace.ts createScorer), which differs between the
 * target copies, so rows are matched by their continuous cells and the other codes.
 */
const rowKey = (d: BinaryData, n: number): string => {
  const cells = [];
  for (let j = 0; j < d.cols; j++) if (j !== target) cells.push(d.values![n * d.cols + j]!, d.x[n * d.cols + j]!);
  return cells.join(",");
};
function collapsedAccuracy(per: Float64Array[][], data: BinaryData, cs: readonly BinaryData[]): number {
  const byKey = per.map((members, k) => {
    const sorted = grayOrder(cs[k]!);
    const column = new Float64Array(members.length);
    const out = new Map<string, number>();
    for (let n = 0; n < sorted.rows; n++) {
      members.forEach((m, i) => (column[i] = m[n]!));
      out.set(rowKey(sorted, n), logSumExp(column));
    }
    return out;
  });
  return accuracyFrom(
    byKey.map((m) => (n: number) => m.get(rowKey(data, n))!),
    data,
  );
}

const row = (label: string, r: TrainResult): string => {
  const ll = (i: number, d: BinaryData): number => ensembleFromScores(r.memberScores[i]!) - logScaleOffset(d);
  const acc = (from: number, d: BinaryData, cs: readonly BinaryData[]): number =>
    collapsedAccuracy(r.memberScores.slice(from, from + states), d, cs);
  return `| ${label} | ${r.seconds.toFixed(0)} | ${r.sweeps.toFixed(0)} | ${ll(0, valid).toFixed(2)} | ${ll(1, test).toFixed(2)} | ${acc(2, valid, validCopies).toFixed(1)} % | ${acc(2 + states, test, testCopies).toFixed(1)} % |\n`;
};

/** The same figures with the members served as Gaussians (spn-mvn-served.ts), rows in file order. */
const served = (label: string, r: TrainResult): string => {
  const per = (d: BinaryData): Float64Array[] =>
    r.members.map((m) => servedLogLikelihoods(r.graph, r.state.tab!.mvn, m, d));
  const ensemble = (d: BinaryData): Float64Array => {
    const p = per(d);
    return Float64Array.from({ length: d.rows }, (_, n) => logSumExp(Float64Array.from(p, (m) => m[n]!)));
  };
  const ll = (d: BinaryData): number => ensembleFromScores(per(d)) - logScaleOffset(d);
  const acc = (d: BinaryData, cs: readonly BinaryData[]): number =>
    accuracyFrom(
      cs.map((c) => ensemble(c)).map((e) => (n: number) => e[n]!),
      d,
    );
  return `| ${label}, served as Gaussians | | | ${ll(valid).toFixed(2)} | ${ll(test).toFixed(2)} | ${acc(valid, validCopies).toFixed(1)} % | ${acc(test, testCopies).toFixed(1)} % |\n`;
};
const HEAD = `| structure | CPU s | sweeps | valid LL | test LL | valid acc. | test acc. |\n|---|---|---|---|---|---|---|\n`;
if (pick?.[0] === "search") {
  const found = searchAndTrain(
    loaded.train,
    valid,
    args.options,
    sets,
    withMvnLeaves(searchGrid(loaded.train.rows)),
    undefined,
    (c) =>
      process.stderr.write(
        `candidate ${c.label} round ${c.round}: valid LL ${c.validLogLikelihood.toFixed(3)} (standardised) in ${c.seconds.toFixed(1)} s\n`,
      ),
  );
  process.stdout.write(
    `search over ${withMvnLeaves(searchGrid(loaded.train.rows)).length} candidates, --budget-s ${budget}: chosen ${found.winner.label}\n${HEAD}`,
  );
  process.stdout.write(row(`${found.winner.label} (final chain)`, found.result));
  process.stdout.write(served(`${found.winner.label} (final chain)`, found.result));
} else {
  process.stdout.write(HEAD);
  for (const [label, structure] of grid) {
    const r = train(loaded.train, valid, { ...args.options, structure, budgetS: budget }, undefined, sets);
    process.stdout.write(row(label, r) + served(label, r));
  }
}
