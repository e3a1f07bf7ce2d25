/**
 * `npm run train:lesion-detector [-- --tiny] [--curricula gdr,uniform,easy-to-hard] [--seeds 3]
 *  [--cxr ../shared/data/cxr] [--checkpoint <file>] [--resume <file>] [--out models/lesion-detector] [--docs docs]`
 * trains the lesion detector under three curricula at equal steps (GDR, uniform domain
 * randomisation, easy-to-hard; trainers/lesion-detector/run-curriculum.ts), evaluates FROC / FAUC
 * on held-out backgrounds, saves a checkpoint, then (export.ts) writes the served model folder
 * (the curriculum that wins on validation, its seeds as an ensemble) and the report.
 * --resume <checkpoint> redoes only the export and the report. --tiny is the CI slice (written
 * under the OS temp folder, never over the committed model).
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runCli, UserError } from "../common/cli.ts";
import { Progress } from "../common/progress.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { backgroundPools } from "./backgrounds-split.ts";
import { loadCheckpoint, saveCheckpoint, toCheckpointRun, type DetectorCheckpoint } from "./checkpoint.ts";
import { CURRICULA, type CurriculumName } from "./curriculum.ts";
import { runExperiment, type RunResult } from "./experiment.ts";
import { FULL, TINY } from "./options.ts";

await runCli("train:lesion-detector", async () => {
  const { values } = parseArgs({
    options: {
      tiny: { type: "boolean", default: false },
      curricula: { type: "string", default: CURRICULA.join(",") },
      seeds: { type: "string" },
      cxr: { type: "string", default: "../shared/data/cxr" },
      checkpoint: { type: "string" },
      resume: { type: "string" },
      out: { type: "string" },
      docs: { type: "string" },
    },
  });
  const tiny = values.tiny;
  const out = values.out ?? (tiny ? join(tmpdir(), "lesion-detector-ci", "model") : "models/lesion-detector");
  const docs = values.docs ?? (tiny ? join(tmpdir(), "lesion-detector-ci", "docs") : "docs");
  let checkpoint: DetectorCheckpoint;
  if (values.resume !== undefined) {
    if (!existsSync(values.resume)) throw new UserError(`--resume ${values.resume} does not exist`);
    checkpoint = loadCheckpoint(values.resume);
  } else {
    const curricula = values.curricula.split(",") as CurriculumName[];
    for (const c of curricula)
      if (!CURRICULA.includes(c)) throw new UserError(`--curricula: "${c}" is not one of ${CURRICULA.join(", ")}`);
    const o = { ...(tiny ? TINY : FULL) };
    if (values.seeds !== undefined) {
      o.seeds = Number(values.seeds);
      if (!Number.isInteger(o.seeds) || o.seeds < 1 || o.seeds > 20)
        throw new UserError("--seeds must be an integer in [1, 20]");
    }
    const tf = await useWasmBackend();
    const started = performance.now();
    const pools = backgroundPools(o.side, existsSync(values.cxr) ? values.cxr : null);
    const progress = new Progress("train:lesion-detector", curricula.length * o.seeds * o.rounds);
    let done = 0;
    const path =
      values.checkpoint ?? join(tmpdir(), tiny ? "lesion-detector-ci.ckpt.json" : "lesion-detector.ckpt.json");
    const command = `npm run train:lesion-detector${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
    const snapshot = (runs: readonly RunResult[]): DetectorCheckpoint => ({
      options: o,
      command,
      realBackgrounds: pools.real,
      runs: runs.map(toCheckpointRun),
      seconds: (performance.now() - started) / 1000,
    });
    const result = runExperiment(
      tf,
      curricula,
      pools,
      o,
      (c, seed, r) => {
        done++;
        const theta = r.theta ? ` theta [${r.theta.map((t) => t.toFixed(2)).join(", ")}]` : "";
        progress.update(
          done,
          `${c} seed ${seed} round ${r.round}: valid FAUC ${r.validFauc.toFixed(3)} (sim ${r.simValidFauc.toFixed(3)})${theta}`,
        );
      },
      (runs) => saveCheckpoint(path, snapshot(runs)), // a run cut short can still be exported with --resume
    );
    checkpoint = snapshot(result.runs);
    saveCheckpoint(path, checkpoint);
    console.error(`checkpoint: ${path}`);
  }
  // Loaded only now, so that a long run picks up the export code as it is when training ends.
  const { exportDetector } = await import("./export.ts");
  await exportDetector(checkpoint, out, docs);
});
