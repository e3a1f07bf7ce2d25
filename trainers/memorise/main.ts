/**
 * `npm run memorise -- [--widths 4,8,16] [--seq 8] [--vocab 8] [--classes 2] [--steps 400]
 *   [--rate 0.01] [--seed 0] [--max-n 2048]`
 * prints, per width d of a one-layer single-head transformer, the largest N of random
 * sequence→label pairs it fits to 100 % training accuracy within the step budget (doubling,
 * then bisection over N; issue 20 part 5, Kajitsuka & Sato ICLR 2024). Bad flags exit 2.
 */
import { parseArgs } from "node:util";
import { runCli, UserError } from "../common/cli.ts";
import { intListFlag, numberFlag } from "../common/int-flag.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { capacityForWidth, type CapacityRow, type CapacitySettings } from "./capacity.ts";

export function capacityTable(rows: CapacityRow[], s: CapacitySettings): string {
  const lines = [
    `| d | parameters | largest N memorised | smallest N failed | N / parameters | probes |`,
    `|---|---|---|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.dim} | ${r.parameters} | ${r.largestMemorised} | ${r.smallestFailed ?? `> ${s.maxN}`} | ${(r.largestMemorised / r.parameters).toFixed(3)} | ${r.probes.length} |`,
    ),
  ];
  return lines.join("\n");
}

await runCli("memorise", async () => {
  const { values } = parseArgs({
    options: {
      widths: { type: "string" },
      seq: { type: "string" },
      vocab: { type: "string" },
      classes: { type: "string" },
      steps: { type: "string" },
      rate: { type: "string" },
      seed: { type: "string" },
      "max-n": { type: "string" },
    },
  });
  const widths = intListFlag("widths", values.widths, [4, 8, 16], 1, 256);
  const s: CapacitySettings = {
    seqLength: numberFlag("seq", values.seq, 8, 1, 64),
    vocab: numberFlag("vocab", values.vocab, 8, 2, 1024),
    classes: numberFlag("classes", values.classes, 2, 2, 100),
    steps: numberFlag("steps", values.steps, 400, 1, 100_000),
    rate: numberFlag("rate", values.rate, 0.01, 1e-6, 1, false),
    seed: numberFlag("seed", values.seed, 0, 0, 2 ** 31),
    maxN: numberFlag("max-n", values["max-n"], 2048, 8, 1 << 20),
  };
  if (s.vocab ** s.seqLength < s.maxN)
    throw new UserError(`--max-n ${s.maxN}: only ${s.vocab}^${s.seqLength} distinct sequences exist`);
  await useWasmBackend();
  const started = performance.now();
  const rows = widths.map((d) =>
    capacityForWidth(d, s, (p) =>
      console.error(`d=${d} N=${p.n}: accuracy ${(p.accuracy * 100).toFixed(1)} % after ${p.steps} steps`),
    ),
  );
  console.log(
    `seq ${s.seqLength}, vocab ${s.vocab}, ${s.classes} classes, <= ${s.steps} full-batch Adam steps at ${s.rate}, seed ${s.seed}\n`,
  );
  console.log(capacityTable(rows, s));
  console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
});
