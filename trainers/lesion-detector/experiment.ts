import type * as tfTypes from "@tensorflow/tfjs";
import type { BackgroundPools } from "./backgrounds-split.ts";
import type { CurriculumName } from "./curriculum.ts";
import { detectExamples } from "./detect.ts";
import { evalSets, type EvalSets } from "./eval-sets.ts";
import type { DetectorExample } from "./examples.ts";
import { froc, type Froc } from "./froc.ts";
import { DetectorNet } from "./network.ts";
import type { DetectorTrainOptions } from "./options.ts";
import { runCurriculum, type CurriculumRun, type RoundRecord } from "./run-curriculum.ts";

export interface RunResult extends CurriculumRun {
  test: Froc;
  testModerate: Froc;
  /** False positives per image on lesion-free test backgrounds at a raw score ≥ 0.5. */
  cleanFpPerImage: number;
}

export interface ExperimentResult {
  runs: RunResult[];
  sets: EvalSets;
}

/** Evaluates one run's final weights on the test sets. */
function testRun(tf: typeof tfTypes, run: CurriculumRun, sets: EvalSets, side: number): RunResult {
  const net = new DetectorNet(tf, run.weights);
  const score = (set: readonly DetectorExample[]) =>
    froc(
      detectExamples(net, set, side),
      set.map((e) => e.boxes),
    );
  const clean = detectExamples(net, sets.clean, side);
  const result = {
    ...run,
    test: score(sets.test),
    testModerate: score(sets.testModerate),
    cleanFpPerImage: clean.reduce((n, boxes) => n + boxes.filter((b) => b.score >= 0.5).length, 0) / sets.clean.length,
  };
  net.dispose();
  return result;
}

/**
 * Every curriculum × seed at equal training steps, each judged on the same validation and test
 * images; seed-major, so that after each seed every curriculum has the same number of runs.
 * `onRun` sees the runs so far (the CLI checkpoints them, so a cut-short run still exports).
 */
export function runExperiment(
  tf: typeof tfTypes,
  curricula: readonly CurriculumName[],
  pools: BackgroundPools,
  o: DetectorTrainOptions,
  onRound: (c: CurriculumName, seed: number, r: RoundRecord) => void,
  onRun: (runs: readonly RunResult[]) => void = () => {},
): ExperimentResult {
  const sets = evalSets(pools, o.evalPerPreset, o.side);
  const runs: RunResult[] = [];
  for (let seed = 1; seed <= o.seeds; seed++) {
    for (const c of curricula) {
      const run = runCurriculum(tf, c, seed, pools, sets.valid, o, (r) => onRound(c, seed, r));
      runs.push(testRun(tf, run, sets, o.side));
      onRun(runs);
    }
  }
  return { runs, sets };
}
