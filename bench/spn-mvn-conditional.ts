/**
 * The served wdbc (mvn leaves) answering p(diagnosis = malignant | 3 measurements) for a batch of
 * rows, as /v1/spn/wdbc/conditional does (`npm run bench:spn:mvn-conditional`; ROWS=10000 for the
 * cap). Also times the mvn leaves of one member over the same rows both ways mvnLeafChunk can take
 * them: reading every row's p entries and its pattern (rows of mixed patterns) vs the chunk's one
 * shared pattern and each row's q observed entries; the two give the same bits (checked).
 */
import { readFileSync } from "node:fs";
import { openModels } from "../shared/node/index.ts";
import { createRng, standardNormal } from "../shared/numeric/rng.ts";
import { KIND_MVN_LEAF } from "../shared/spn/compiled-spn.ts";
import { parseEvidenceBatch } from "../shared/spn/evidence.ts";
import { mvnLeafChunk } from "../shared/spn/mvn-passes.ts";
import { spnConditionalBatch } from "../shared/spn/queries-batch.ts";

const ROWS = Number(process.env.ROWS ?? 2000);
const model = (await openModels("models").get("wdbc", "spn")).compiled;
const manifest = JSON.parse(readFileSync("models/wdbc/manifest.json", "utf8")) as {
  training: { table: { columns: { name: string; kind: string; mean?: number; sd?: number }[] } };
};
const given = manifest.training.table.columns.filter((c) => c.kind === "continuous").slice(0, 3);
const rng = createRng(9);
const rows = Array.from({ length: ROWS }, () =>
  Object.fromEntries(given.map((c) => [c.name, c.mean! + c.sd! * standardNormal(rng)])),
);

const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
spnConditionalBatch(model, { diagnosis: "malignant" }, rows.slice(0, 4)); // draw cache, compile
const served = time(() => spnConditionalBatch(model, { diagnosis: "malignant" }, rows));

const { spn } = model;
const batch = parseEvidenceBatch(spn, rows, "/evidenceBatch");
const leaves = Array.from({ length: spn.nodeCount }, (_, n) => n).filter((n) => spn.kind[n] === KIND_MVN_LEAF);
const out = { perRow: new Float64Array(ROWS * leaves.length), shared: new Float64Array(ROWS * leaves.length) };
const leafPass = (shared: boolean, into: Float64Array) => () =>
  leaves.forEach((n, i) => mvnLeafChunk(spn, spn.members[0]!, n, batch.values, ROWS, 0, ROWS, into, i * ROWS, shared));
const perRow: number[] = [];
const shared: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  perRow.push(time(leafPass(false, out.perRow)));
  shared.push(time(leafPass(true, out.shared)));
}
const median = (v: number[]): number => v.slice().sort((a, b) => a - b)[2]!;
if (out.perRow.some((v, i) => !Object.is(v, out.shared[i]))) throw new Error("the two leaf paths differ");
console.log(`served conditional, ${ROWS} rows x ${spn.members.length} members: ${(served / 1000).toFixed(2)} s`);
console.log(
  `mvn leaves of one member (${leaves.length} leaves x ${ROWS} rows), median of 5: per-row patterns ` +
    `${median(perRow).toFixed(0)} ms, shared pattern ${median(shared).toFixed(0)} ms, ` +
    `ratio ${(median(perRow) / median(shared)).toFixed(2)}x (same bits)`,
);
