import { createRng } from "../../shared/numeric/rng.ts";
import type { Dataset } from "../classifier-demo/dataset.ts";
import { initMlp, trainMlp, type Mlp } from "../classifier-demo/mlp.ts";
import { balancedScores, predict, type BalancedScores } from "./metrics.ts";
import type { LongTailTask } from "./spam-long-tail.ts";
import { classBalancedWeights, classCounts, SGD_BASE } from "./weight-balancing.ts";

/**
 * Plain training against weight balancing and its two halves, every hyperparameter chosen by
 * balanced accuracy on the (balanced) validation split — the test split is scored once, for the
 * chosen model only. Rows:
 *   plain     cross-entropy, weight decay from PLAIN_WD
 *   stage1    cross-entropy + weight decay (STAGE1_WD) + MaxNorm (STAGE1_MAXNORM)
 *   plain+cb  the plain model's classifier re-trained with the class-balanced loss (stage 2 only)
 *   wb        the stage-1 model's classifier re-trained likewise: both stages (weight balancing)
 */
export const PLAIN_WD = [1e-4, 1e-3, 1e-2];
export const STAGE1_WD = [1e-3, 5e-3, 2e-2];
export const STAGE1_MAXNORM = [1, 3];
export const STAGE2_WD = [1e-3, 1e-2, 1e-1];
export const STAGE2_MAXNORM = [0.5, 1, 2, 4];
export const METHODS = ["plain", "stage1", "plain+cb", "wb"] as const;
export type Method = (typeof METHODS)[number];

export interface Budget {
  hidden: number;
  epochs: number;
  headEpochs: number;
}

export interface MethodResult {
  method: Method;
  chosen: string;
  valid: number;
  test: BalancedScores;
}

const clone = (m: Mlp): Mlp => ({ ...m, w1: m.w1.slice(), b1: m.b1.slice(), wh: m.wh.slice(), bh: m.bh.slice() });

export interface Candidate {
  model: Mlp;
  label: string;
  valid: number;
}

/** The candidate with the best validation balanced accuracy (the first one on ties). */
function best(candidates: Candidate[]): Candidate {
  return candidates.reduce((a, b) => (b.valid > a.valid ? b : a));
}

function score(m: Mlp, data: Dataset): number {
  return balancedScores(predict(m, data), data.y, m.classes).balancedAccuracy;
}

/** Grid searches on validation, each training a copy of `init` (seeds derived from `seed`). */
export function searches(init: Mlp, train: Dataset, valid: Dataset, seed: number, budget: Budget) {
  const stage1 = (wd: number, maxNorm: number | undefined, label: string): Candidate => {
    const model = clone(init);
    trainMlp(createRng(seed + 1), model, train, {
      ...SGD_BASE,
      epochs: budget.epochs,
      weightDecay: wd,
      ...(maxNorm === undefined ? {} : { maxNorm }),
    });
    return { model, label, valid: score(model, valid) };
  };
  const weights = classBalancedWeights(classCounts(train.y, init.classes));
  return {
    plain: () => best(PLAIN_WD.map((wd) => stage1(wd, undefined, `wd ${wd}`))),
    stage1: () =>
      best(STAGE1_WD.flatMap((wd) => STAGE1_MAXNORM.map((mn) => stage1(wd, mn, `wd ${wd}, maxnorm ${mn}`)))),
    stage2: (from: Candidate): Candidate =>
      best(
        STAGE2_WD.flatMap((wd) =>
          STAGE2_MAXNORM.map((maxNorm) => {
            const model = clone(from.model);
            trainMlp(createRng(seed + 2), model, train, {
              ...SGD_BASE,
              epochs: budget.headEpochs,
              weightDecay: wd,
              maxNorm,
              classWeights: weights,
              headOnly: true,
            });
            return { model, label: `${from.label}; stage 2 wd ${wd}, maxnorm ${maxNorm}`, valid: score(model, valid) };
          }),
        ),
      ),
  };
}

/**
 * `--long-tail` in a trainer: both stages of weight balancing with every hyperparameter chosen
 * by validation balanced accuracy; the winner's weights are copied into `mlp`.
 */
export function trainLongTail(mlp: Mlp, train: Dataset, valid: Dataset, seed: number, budget: Budget): Candidate {
  const search = searches(mlp, train, valid, seed, budget);
  const chosen = search.stage2(search.stage1());
  for (const key of ["w1", "b1", "wh", "bh"] as const) mlp[key].set(chosen.model[key]);
  return chosen;
}

/** All four rows for one seed (the seed drives initialisation and SGD order). */
export function runSeed(task: LongTailTask, seed: number, budget: Budget): MethodResult[] {
  const C = task.labels.length;
  const D = task.train.x.length / task.train.n;
  const search = searches(initMlp(createRng(seed), D, budget.hidden, C), task.train, task.valid, seed, budget);
  const plain = search.plain();
  const wdMax = search.stage1();
  const rows: [Method, Candidate][] = [
    ["plain", plain],
    ["stage1", wdMax],
    ["plain+cb", search.stage2(plain)],
    ["wb", search.stage2(wdMax)],
  ];
  return rows.map(([method, c]) => ({
    method,
    chosen: c.label,
    valid: c.valid,
    test: balancedScores(predict(c.model, task.test), task.test.y, C),
  }));
}
