/**
 * `npm run prune -- --model spam|detector [--rounds N] [--seed S] [--pretrained <file>] [--cxr ../shared/data/cxr]
 *  [--out <folder>] [--docs docs]`: iterative magnitude pruning with rewinding (issue 20 part 3; Sakamoto & Sato,
 * lottery tickets and PAC-Bayes). Prints the sparsity table (test figures, the PAC-Bayes-kl bound
 * and its parts), writes docs/prune-<model>.svg, exports the sparsest round within 0.5 points of
 * the dense one on validation as a model folder under --out (a temp folder by default, never
 * models/) and measures it served through the Node library (probable-edge/node) next to the dense
 * round's export. Bad flags exit 2.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runCli, UserError } from "../common/cli.ts";
import { numberFlag } from "../common/int-flag.ts";
import { smallestWithin, type ImpRow } from "./imp.ts";
import { impSvg, impTable } from "./report.ts";

const progress = (r: ImpRow) =>
  console.error(
    `round ${r.round}: sparsity ${(r.sparsity * 100).toFixed(1)} %, test error ${r.test.error.toFixed(4)}, validation ${r.validation.toFixed(4)}, bound ${r.bound.bound.toFixed(4)} (${r.seconds.toFixed(0)} s, training ${r.trainSeconds.toFixed(0)} s)`,
  );

await runCli("prune", async () => {
  const { values } = parseArgs({
    options: {
      model: { type: "string" },
      rounds: { type: "string" },
      seed: { type: "string" },
      pretrained: { type: "string" },
      cxr: { type: "string", default: "../shared/data/cxr" },
      out: { type: "string" },
      docs: { type: "string", default: "docs" },
      steps: { type: "string" },
    },
  });
  const model = values.model;
  if (model !== "spam" && model !== "detector") throw new UserError("--model must be spam or detector");
  const seed = numberFlag("seed", values.seed, model === "spam" ? 7 : 1, 0, 2 ** 31);
  const rounds = numberFlag("rounds", values.rounds, model === "spam" ? 4 : 5, 0, 30);
  const out = values.out ?? join(tmpdir(), `prune-${model}`);
  const load = loadavg()[0]!;
  const started = performance.now();
  const run =
    model === "detector"
      ? await (await import("./run-detector.ts")).pruneDetector(seed, rounds, values.cxr, progress)
      : await (await import("./run-spam.ts")).pruneSpam(
          seed,
          rounds,
          values.pretrained,
          numberFlag("steps", values.steps, 60, 1, 100_000),
          progress,
        );
  const seconds = (performance.now() - started) / 1000;
  const chosen = smallestWithin(run.rows, 0.005);
  mkdirSync(values.docs, { recursive: true });
  const svgPath = join(values.docs, `prune-${model}.svg`);
  writeFileSync(svgPath, impSvg(run.rows, `IMP with rewinding, ${model} (seed ${seed})`));
  // CPU seconds of this (single-threaded) process: about the wall time on an idle machine.
  const usage = process.cpuUsage();
  const cpu = (usage.user + usage.system) / 1e6;
  console.log(
    `\n${model}: ${rounds} rounds of 20 % in ${seconds.toFixed(0)} s wall, ${cpu.toFixed(0)} s CPU (load average ${load.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end)`,
  );
  console.log(`bound sample: ${run.boundSample}; δ = 0.05\n`);
  console.log(impTable(run.rows, run.target.validationName));
  console.log(
    `\nchosen on validation: round ${chosen.round} (sparsity ${(chosen.sparsity * 100).toFixed(1)} %, ${run.target.validationName} ${chosen.validation.toFixed(4)} vs dense ${run.rows[0]!.validation.toFixed(4)})`,
  );
  console.log(`wrote ${svgPath}`);
  const served =
    model === "detector"
      ? await (await import("./export-detector.ts")).exportAndServeDetector(
          run as Awaited<ReturnType<typeof import("./run-detector.ts").pruneDetector>>,
          chosen,
          out,
          seed,
        )
      : await (await import("./export-spam.ts")).exportAndServeSpam(
          run as Awaited<ReturnType<typeof import("./run-spam.ts").pruneSpam>>,
          chosen,
          out,
          seed,
        );
  console.log(`\n${served}`);
});
