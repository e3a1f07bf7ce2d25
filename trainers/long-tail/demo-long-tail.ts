import { createRng } from "../../shared/numeric/rng.ts";
import { DEMO_LABELS, demoSplits } from "../classifier-demo/dataset.ts";
import { DEFAULT_OPTIONS } from "../classifier-demo/train.ts";
import { longTailCounts, subsampleClasses } from "./imbalance.ts";
import { classCounts } from "./weight-balancing.ts";
import type { LongTailTask } from "./spam-long-tail.ts";

/**
 * The shipped demo classifier's task (trainers/classifier-demo, its mixture drawn with the
 * shipped seed 7) with a long-tailed training split: alpha : beta : gamma = 1333 : 133 : 13 at
 * imbalance factor 100. Validation and test stay the shipped balanced splits (1500 each); `seed`
 * only draws which training examples are kept.
 */
export function demoLongTail(seed: number, factor = 100): LongTailTask {
  const { train, valid, test } = demoSplits(DEFAULT_OPTIONS.seed, DEFAULT_OPTIONS);
  const counts = longTailCounts(classCounts(train.y, DEMO_LABELS.length), factor);
  return {
    name: `demo-if${factor}`,
    labels: DEMO_LABELS,
    train: subsampleClasses(createRng(seed + 500), train, counts),
    valid,
    test,
  };
}
