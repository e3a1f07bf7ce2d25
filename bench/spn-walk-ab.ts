/**
 * A/B per-datum cost of the SPN samplers, two builds of trainers/spn interleaved in one process so
 * machine load hits both alike: `tsx bench/spn-walk-ab.ts OLD_SPN_DIR [rows] [rounds]`, where
 * OLD_SPN_DIR holds an older trainers/spn (e.g. `git archive <rev> trainers/spn shared | tar -x -C
 * .ab-old` inside the repo, so node_modules resolves), on baudio (../shared/data/debd). Prints the
 * median µs per datum update of each sampler, old and new, and new / old.
 */
import { resolve } from "node:path";
import { readBinaryCsv } from "../trainers/spn/dataset.ts";
import { measureSpeed, type SpeedRow } from "../trainers/spn/eval-speed.ts";

type Measure = typeof measureSpeed;
const oldDir = process.argv[2];
if (!oldDir) throw new Error("usage: tsx bench/spn-walk-ab.ts OLD_SPN_DIR [rows] [rounds]");
const rows = Number(process.argv[3] ?? 300);
const rounds = Number(process.argv[4] ?? 5);
const old = ((await import(resolve(oldDir, "eval-speed.ts"))) as { measureSpeed: Measure }).measureSpeed;
const data = readBinaryCsv(new URL("../../shared/data/debd/baudio/baudio.train.data", import.meta.url).pathname);
// The two smaller structures of `eval:spn --speed-only`; the J=8 one's dense Gibbs takes minutes a round.
const structures = [
  { sumComponents: 5, leafComponents: 5, partitions: 2, depth: 3 },
  { sumComponents: 10, leafComponents: 10, partitions: 4, depth: 3 },
];
const samplers = ["topDown1", "topDown5", "gibbsSparse", "gibbsDense"] as const;
const times = new Map<string, number[]>();
const add = (key: string, v: number) => times.set(key, [...(times.get(key) ?? []), v]);
for (let round = 0; round < rounds; round++) {
  for (const [side, measure] of round % 2 === 0
    ? ([
        ["old", old],
        ["new", measureSpeed],
      ] as const)
    : ([
        ["new", measureSpeed],
        ["old", old],
      ] as const)) {
    for (const s of structures) {
      const out: SpeedRow[] = measure(data, s, 0.02, rows, 1);
      for (const row of out)
        for (const k of samplers) add(`${s.partitions}/${s.sumComponents}|${row.phase}|${k}|${side}`, row[k]);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`| structure (J/K) | state | sampler | old µs | new µs | new / old |\n|---|---|---|---|---|---|`);
for (const key of times.keys()) {
  if (!key.endsWith("|old")) continue;
  const stem = key.slice(0, -4);
  const [a, b] = [median(times.get(key)!), median(times.get(`${stem}|new`)!)];
  console.log(`| ${stem.split("|").join(" | ")} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(3)} |`);
}
