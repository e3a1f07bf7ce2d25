/**
 * Per-datum cost of the collapsed samplers on mixed tables (Dirichlet–categorical and Normal–Gamma
 * leaves, missing cells): `npx tsx bench/spn-tables.ts` prints a markdown table — top-down MH with
 * 1 and 5 proposals, sparse and dense bottom-up Gibbs, and their ratios — for wdbc
 * (../shared/data/tabular, 30 continuous + 1 binary) and penguins (vega-datasets, 4 continuous +
 * 3 discrete, missing cells), from a random start and after 2 s of top-down warm-up. Each figure is
 * the median of 5 repetitions (wall-clock timings of a few hundred rows are easily disturbed on a
 * shared machine); the ratios are taken within the same repetition, then their median.
 * `--mvn`: the same structures with multivariate Gaussian (NIW) leaves over each leaf region's
 * continuous block (trainers/spn/leaf-mvn.ts) instead; `--only wdbc|penguins` one data set.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BinaryData } from "../trainers/spn/dataset.ts";
import { measureSpeed } from "../trainers/spn/eval-speed.ts";
import { loadData } from "../trainers/spn/load-data.ts";
import type { StructureOptions } from "../trainers/spn/region-graph.ts";

const REPEATS = 5;
const median = (v: number[]): number => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const WDBC = "../shared/data/tabular/wdbc/wdbc.train.csv";
const PENGUINS = "node_modules/vega-datasets/data/penguins.json";
const leaf = process.argv.includes("--mvn") ? "mvn" : "product";
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const STRUCTURES: StructureOptions[] = [
  { partitions: 2, sumComponents: 5, leafComponents: 5, depth: 2, leaf },
  { partitions: 8, sumComponents: 5, leafComponents: 5, depth: 2, leaf },
  { partitions: 4, sumComponents: 10, leafComponents: 10, depth: 2, leaf },
];
const none = { types: new Map(), ignore: [], split: null };
const sets: [string, BinaryData][] = [];
if (existsSync(WDBC) && only !== "penguins") sets.push(["wdbc", loadData([WDBC], null, null, none).train]);
if (existsSync(join(PENGUINS)) && only !== "wdbc")
  sets.push(["penguins", loadData([PENGUINS], null, null, none).train]);
const f = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));
console.log(
  "| data | structure (J, K_s=K_l, L) | sum edges | state | top-down 1 prop. µs | top-down 5 prop. µs | Gibbs sparse µs | Gibbs dense µs | dense / top-down 1 | sparse / top-down 1 |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const [name, data] of sets) {
  for (const s of STRUCTURES) {
    const runs = Array.from({ length: REPEATS }, () => measureSpeed(data, s, 0.02, data.rows, 2));
    runs[0]!.forEach((r, i) => {
      const m = (key: "topDown1" | "topDown5" | "gibbsSparse" | "gibbsDense"): number =>
        median(runs.map((run) => run[i]![key]));
      const ratio = (key: "gibbsSparse" | "gibbsDense"): number =>
        median(runs.map((run) => run[i]![key] / run[i]!.topDown1));
      console.log(
        `| ${name}${leaf === "mvn" ? " (NIW blocks)" : ""} | J=${s.partitions}, K=${s.sumComponents}, L=${s.depth} | ${r.edges} | ${r.phase} | ${f(m("topDown1"))} | ${f(m("topDown5"))} | ${f(m("gibbsSparse"))} | ${f(m("gibbsDense"))} | ${ratio("gibbsDense").toFixed(1)}× | ${ratio("gibbsSparse").toFixed(1)}× |`,
      );
    });
  }
}
