/**
 * Per-datum cost of the collapsed samplers on mixed tables (Dirichlet–categorical and Normal–Gamma
 * leaves, missing cells): `npx tsx bench/spn-tables.ts` prints a markdown table — top-down MH with
 * 1 and 5 proposals, sparse and dense bottom-up Gibbs, and their ratios — for wdbc
 * (../shared/data/tabular, 30 continuous + 1 binary) and penguins (vega-datasets, 4 continuous +
 * 3 discrete, missing cells), from a random start and after 5 s of top-down warm-up.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BinaryData } from "../trainers/spn/dataset.ts";
import { measureSpeed } from "../trainers/spn/eval-speed.ts";
import { loadData } from "../trainers/spn/load-data.ts";
import type { StructureOptions } from "../trainers/spn/region-graph.ts";

const WDBC = "../shared/data/tabular/wdbc/wdbc.train.csv";
const PENGUINS = "node_modules/vega-datasets/data/penguins.json";
const STRUCTURES: StructureOptions[] = [
  { partitions: 2, sumComponents: 5, leafComponents: 5, depth: 2 },
  { partitions: 8, sumComponents: 5, leafComponents: 5, depth: 2 },
  { partitions: 4, sumComponents: 10, leafComponents: 10, depth: 2 },
];
const none = { types: new Map(), ignore: [], split: null };
const sets: [string, BinaryData][] = [];
if (existsSync(WDBC)) sets.push(["wdbc", loadData([WDBC], null, null, none).train]);
if (existsSync(join(PENGUINS))) sets.push(["penguins", loadData([PENGUINS], null, null, none).train]);
const f = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));
console.log("| data | structure (J, K_s=K_l, L) | sum edges | state | top-down 1 prop. µs | top-down 5 prop. µs | Gibbs sparse µs | Gibbs dense µs | dense / top-down 1 | sparse / top-down 1 |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const [name, data] of sets) {
  for (const s of STRUCTURES) {
    for (const r of measureSpeed(data, s, 0.02, data.rows, 5)) {
      console.log(`| ${name} | J=${s.partitions}, K=${s.sumComponents}, L=${s.depth} | ${r.edges} | ${r.phase} | ${f(r.topDown1)} | ${f(r.topDown5)} | ${f(r.gibbsSparse)} | ${f(r.gibbsDense)} | ${(r.gibbsDense / r.topDown1).toFixed(1)}× | ${(r.gibbsSparse / r.topDown1).toFixed(1)}× |`);
    }
  }
}
