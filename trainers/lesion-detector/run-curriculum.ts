import type * as tfTypes from "@tensorflow/tfjs";
import type { Theta } from "../../shared/lesion/index.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { bayesOpt } from "./bayes-opt.ts";
import type { BackgroundPools } from "./backgrounds-split.ts";
import { roundLesions, roundTarget, SEARCH_STARTS, type CurriculumName } from "./curriculum.ts";
import { detectExamples } from "./detect.ts";
import { makeExamples, type DetectorExample } from "./examples.ts";
import { froc } from "./froc.ts";
import { DetectorNet, initialWeights, type DetectorWeights } from "./network.ts";
import { trainEpochs, type EpochOptions } from "./train-epochs.ts";

export interface CurriculumOptions extends EpochOptions {
  side: number;
  rounds: number;
  trainImages: number;
  validImages: number;
  /** Theta search per round: images per evaluation and Bayesian-optimisation steps after the starts. */
  searchImages: number;
  searchSteps: number;
  gdrTarget: number;
  learningRate: number;
}

export interface RoundRecord {
  round: number;
  target: number | null;
  theta: Theta | null;
  /** FAUC of the detector before this round on images made with the chosen theta. */
  searchFauc: number | null;
  simValidFauc: number;
  /** FAUC on the validation backgrounds with preset lesions: picks the final round. */
  validFauc: number;
  seconds: number;
}

export interface CurriculumRun {
  curriculum: CurriculumName;
  seed: number;
  rounds: RoundRecord[];
  bestRound: number;
  validFauc: number;
  weights: DetectorWeights;
}

/**
 * One curriculum with one seed: rounds of (choose lesions → make images → train from the previous
 * weights, keep the best epoch), the final round chosen on the validation set (held-out
 * backgrounds, lesions from the realistic presets). GDR and easy-to-hard search theta by Bayesian
 * optimisation so that the current detector's FAUC on simulated images is closest to the target.
 */
export function runCurriculum(
  tf: typeof tfTypes,
  curriculum: CurriculumName,
  seed: number,
  pools: BackgroundPools,
  validSet: readonly DetectorExample[],
  o: CurriculumOptions,
  onRound: (r: RoundRecord) => void = () => {},
): CurriculumRun {
  const rng = createRng(seed);
  const net = new DetectorNet(tf, initialWeights(rng));
  const optimizer = tf.train.adam(o.learningRate);
  const rounds: RoundRecord[] = [];
  let best: { round: number; fauc: number; weights: DetectorWeights } | null = null;
  const faucOn = (set: readonly DetectorExample[]) =>
    froc(
      detectExamples(net, set, o.side),
      set.map((e) => e.boxes),
    ).fauc;
  for (let k = 1; k <= o.rounds; k++) {
    const started = performance.now();
    const target = roundTarget(curriculum, k, o.rounds, o.gdrTarget);
    let theta: Theta | null = null;
    if (target !== null) {
      const search = bayesOpt(
        rng,
        (x) => {
          const images = makeExamples(rng, pools.train, o.searchImages, { theta: x }, o.side);
          return -Math.abs(faucOn(images) - target);
        },
        { starts: SEARCH_STARTS, steps: o.searchSteps },
      );
      theta = search.best as unknown as Theta;
    }
    const lesions = roundLesions(theta);
    const train = makeExamples(rng, pools.train, o.trainImages, lesions, o.side);
    const simValid = makeExamples(rng, pools.train, o.validImages, lesions, o.side);
    const searchFauc = theta === null ? null : faucOn(simValid); // before this round's training
    const { validFauc: simValidFauc } = trainEpochs(tf, rng, net, optimizer, train, simValid, o.side, o);
    const validFauc = faucOn(validSet);
    if (best === null || validFauc > best.fauc) best = { round: k, fauc: validFauc, weights: net.weights() };
    const record = {
      round: k,
      target,
      theta,
      searchFauc,
      simValidFauc,
      validFauc,
      seconds: (performance.now() - started) / 1000,
    };
    rounds.push(record);
    onRound(record);
  }
  net.dispose();
  optimizer.dispose();
  return { curriculum, seed, rounds, bestRound: best!.round, validFauc: best!.fauc, weights: best!.weights };
}
